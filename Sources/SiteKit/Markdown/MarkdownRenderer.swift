import CMark

/// Renders a Markdown body to HTML, adding what the stock renderer lacks:
/// ids on headings, numbered citation links, and link destinations rewritten
/// from content paths to the site's clean URLs.
public struct MarkdownRenderer {
    /// Maps a link destination as written to the href the page should carry.
    public var rewriteLink: (String) -> String
    /// Numbers citation keys (the page's reference list order).
    public var citationNumbers: [String: Int]

    public init(rewriteLink: @escaping (String) -> String = { $0 }, citationNumbers: [String: Int] = [:]) {
        self.rewriteLink = rewriteLink
        self.citationNumbers = citationNumbers
    }

    /// Transforms the document's tree and returns its HTML. The tree is
    /// changed in place: render a document once.
    public func render(_ document: MarkdownDocument, outline: MarkdownOutline) -> String {
        var headingIndex = 0
        var citationUses: [Int: Int] = [:]
        for node in document.nodes() {
            switch MarkdownNode.type(node) {
            case CMARK_NODE_HEADING:
                let id = headingIndex < outline.headingIDs.count ? outline.headingIDs[headingIndex] : "section-\(headingIndex + 1)"
                headingIndex += 1
                replaceHeading(node, id: id)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                cmark_node_set_url(node, rewriteLink(MarkdownNode.url(node)))
            case CMARK_NODE_TEXT:
                replaceCitations(in: node, uses: &citationUses)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                // Authors' raw HTML never reaches the page; validation reports it.
                cmark_node_unlink(node)
                cmark_node_free(node)
            default:
                break
            }
        }
        return document.html()
    }

    private func replaceHeading(_ heading: OpaquePointer, id: String) {
        let level = cmark_node_get_heading_level(heading)
        // The tags go in inline nodes: a custom block puts line breaks around its own.
        let block = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "")
        cmark_node_append_child(block, MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<h\(level) id=\"\(id)\">"))
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            cmark_node_append_child(block, child)
        }
        cmark_node_append_child(block, MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: "</h\(level)>"))
        cmark_node_replace(heading, block)
        cmark_node_free(heading)
    }

    private func replaceCitations(in node: OpaquePointer, uses: inout [Int: Int]) {
        let text = MarkdownNode.literal(node)
        let citations = Citation.scan(text)
        guard !citations.isEmpty else { return }
        var cursor = text.startIndex
        for citation in citations {
            if cursor < citation.range.lowerBound {
                cmark_node_insert_before(node, MarkdownNode.text(String(text[cursor..<citation.range.lowerBound])))
            }
            cmark_node_insert_before(node, MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: citationHTML(citation, uses: &uses)))
            cursor = citation.range.upperBound
        }
        if cursor < text.endIndex {
            cmark_node_insert_before(node, MarkdownNode.text(String(text[cursor...])))
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// `<sup>` links to the reference list; the first use of each number gets
    /// the id that the reference list links back to.
    private func citationHTML(_ citation: Citation, uses: inout [Int: Int]) -> String {
        let links = citation.keys.compactMap { key -> String? in
            guard let number = citationNumbers[key] else { return nil }
            let count = uses[number, default: 0] + 1
            uses[number] = count
            let id = count == 1 ? "cite-\(number)" : "cite-\(number)-\(count)"
            return "<a href=\"#ref-\(number)\" id=\"\(id)\">\(number)</a>"
        }
        return "<sup class=\"citation\">[" + links.joined(separator: ", ") + "]</sup>"
    }
}

extension MarkdownRenderer {
    /// Renders one Markdown text on its own (`site render`): front matter, if
    /// any, is set aside; citations are numbered in order of use; links stay
    /// as written. Raw HTML is dropped and reported.
    public static func renderStandalone(_ text: String, file: String) -> (html: String, diagnostics: [Diagnostic]) {
        let document: MarkdownDocument
        let outline: MarkdownOutline
        if text.hasPrefix("---") {
            switch SourceFile.parse(text, displayPath: file, relativePath: file) {
            case .success(let source):
                document = source.document
                outline = source.outline
            case .failure(let diagnostic):
                return ("", [diagnostic])
            }
        } else {
            document = MarkdownDocument(markdown: text)
            outline = MarkdownOutline(document)
        }
        let numbers = Dictionary(uniqueKeysWithValues: outline.citedKeys.enumerated().map { ($1, $0 + 1) })
        let html = MarkdownRenderer(citationNumbers: numbers).render(document, outline: outline)
        let warnings = outline.rawHTMLLines.map { Diagnostic.warning(file, $0, "raw HTML removed: write it in Markdown") }
        return (html, warnings)
    }
}
