import CMark
import SiteModel

extension MarkdownOutline {
    /// The outline of a Markdown body; `lineOffset` is the number of file
    /// lines before it. The parsed tree is freed when this returns.
    public init(markdown: String, lineOffset: Int = 0) {
        self.init(MarkdownDocument(markdown: markdown, lineOffset: lineOffset, smartPunctuation: Self.needsSmartPunctuation(markdown)))
    }

    /// The outline is read without smart punctuation (a third of a parse's
    /// work), and is the same: quotes, dashes and ellipses are all runs of
    /// hyphens in a heading's id, links, their titles, table rows, callouts
    /// and raw HTML are not touched by it. A citation could differ: `--` in
    /// `[@smith--2020]` becomes a dash, and a key with a dash is no key. A
    /// citation stands on one line, and its `@` is an `@` or an entity's `&`:
    /// a body with a line holding both `--` and one of those is read as
    /// readers see it.
    static func needsSmartPunctuation(_ markdown: String) -> Bool {
        var text = markdown
        return text.withUTF8 { bytes in
            Self.doubleDash.withUnsafeBytes { dash in
                // Each `--` found by the byte search, and only its own line read.
                let whole = UnsafeRawBufferPointer(bytes)
                var from = 0
                while let found = ByteSearch.firstOffset(of: dash, in: UnsafeRawBufferPointer(rebasing: whole[from...])) {
                    var start = from + found, end = start
                    while start > 0, whole[start - 1] != 0x0A { start -= 1 }
                    while end < whole.count, whole[end] != 0x0A { end += 1 }
                    if whole[start..<end].contains(where: { $0 == 0x40 || $0 == 0x26 }) { return true }
                    from = end
                }
                return false
            }
        }
    }

    private static let doubleDash: [UInt8] = Array("--".utf8)

    init(_ document: MarkdownDocument) {
        self.init()
        var headingTexts: [String] = []
        collect(document, headingTexts: &headingTexts)
        headingIDs = HeadingID.assign(headingTexts)
    }

    /// What a document holds, in the order the renderer meets it; a table's
    /// cells are documents of their own, read in place of the paragraph.
    private mutating func collect(_ document: MarkdownDocument, headingTexts: inout [String]) {
        document.walk { node in
            let line = document.line(of: node)
            switch MarkdownNode.type(node) {
            case CMARK_NODE_HEADING:
                headingTexts.append(Self.withoutCitations(MarkdownNode.plainText(node)))
            case CMARK_NODE_PARAGRAPH:
                switch MarkdownTable.reading(of: node, in: document) {
                case .notATable:
                    break
                case .problem(let index, let reason, let message):
                    findings.append(Finding(line: line + index, reason: reason, message: message))
                case .table(let table):
                    for (row, cells) in table.rows.enumerated() {
                        for cell in cells where !MarkdownTable.isPlainText(cell) {
                            collect(MarkdownTable.cellDocument(cell, line: line + MarkdownTable.lineIndex(ofRow: row), smartPunctuation: document.smartPunctuation),
                                    headingTexts: &headingTexts)
                        }
                    }
                    return .past(node)
                }
            case CMARK_NODE_BLOCK_QUOTE:
                if let (_, word) = Callout.marker(in: node), Callout(word: word) == nil {
                    findings.append(Finding(line: line, reason: .unknownCallout,
                                            message: "unknown callout '[!\(word)]': use one of \(Callout.known)"))
                }
            case CMARK_NODE_LINK:
                links.append(Link(destination: MarkdownNode.url(node), line: line, isImage: false))
                if MarkdownNode.title(node) == MarkdownConventions.button, !MarkdownConventions.standsAlone(node) {
                    findings.append(Finding(line: line, reason: .misplacedButton,
                                            message: "a link titled \"button\" is shown as a button, so it stands alone in its paragraph: put it on a line of its own with a blank line above and below"))
                }
            case CMARK_NODE_IMAGE:
                links.append(Link(destination: MarkdownNode.url(node), line: line, isImage: true))
                if MarkdownConventions.altText(node).isEmpty, MarkdownNode.title(node) != MarkdownConventions.decorative {
                    findings.append(Finding(line: line, reason: .missingAltText,
                                            message: "image '\(Self.short(MarkdownNode.url(node)))' has no alt text: say what it shows, ![what it shows](…), or if it is decoration only, title it so: ![](… \"decorative\")"))
                }
            case CMARK_NODE_TEXT where MarkdownNode.mayCite(node):
                for citation in Citation.found(in: MarkdownNode.literalBytes(node)) {
                    citations.append(CitationUse(keys: citation.keys, line: line))
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                rawHTMLLines.append(line)
            default:
                break
            }
            return .into(node)
        }
    }

    /// A heading's id comes from its words, not from the citations in it.
    static func withoutCitations(_ text: String) -> String {
        var result = text
        for citation in Citation.scan(text).reversed() { result.removeSubrange(citation.range) }
        return result
    }

    /// A destination may be megabytes long: messages quote its start.
    static func short(_ text: String) -> String {
        text.count > 100 ? text.prefix(100) + "…" : text
    }
}
