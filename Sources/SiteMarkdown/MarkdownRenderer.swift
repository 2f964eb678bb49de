import CMark
import SiteModel

/// Renders a Markdown body to HTML, adding what the stock renderer lacks:
/// ids on headings, numbered citation links, link destinations rewritten
/// from content paths to the site's clean URLs, tables, callouts, buttons,
/// and images with their size and caption.
public struct MarkdownRenderer {
    /// Maps a link destination as written to the href the page should carry.
    public var rewriteLink: (String) -> String
    /// Numbers citation keys (the page's reference list order).
    public var citationNumbers: [String: Int]
    /// The width and height of an image by its destination as written, when known.
    public var imageSize: (String) -> ImageSize?

    public init(rewriteLink: @escaping (String) -> String = { $0 }, citationNumbers: [String: Int] = [:],
                imageSize: @escaping (String) -> ImageSize? = { _ in nil }) {
        self.rewriteLink = rewriteLink
        self.citationNumbers = citationNumbers
        self.imageSize = imageSize
    }

    /// The HTML of a Markdown body whose outline was made from the same text.
    /// The body is parsed anew into a tree of this call's own, so rendering
    /// never changes what validation saw and may run any number of times.
    public func render(_ markdown: String, outline: MarkdownOutline) -> String {
        render(MarkdownDocument(markdown: markdown), outline: outline)
    }

    /// The HTML and, read from the same parse before it is changed, the
    /// words (`MarkdownText`): one parse of the body serves both.
    public func renderReading(_ markdown: String, lineOffset: Int, outline: MarkdownOutline) -> (html: String, text: MarkdownText.Reading) {
        let document = MarkdownDocument(markdown: markdown, lineOffset: lineOffset)
        let text = MarkdownText.read(document)
        return (render(document, outline: outline), text)
    }

    /// `renderReading` for a body whose outline may not be known yet: made from
    /// the same parse when not (before the tree is changed), one parse for the
    /// outline, the HTML and the words. Citations are numbered by the outline.
    /// The HTML is UTF-8 bytes, for a page's file (`MarkdownDocument.htmlBytes`).
    public func renderReading(_ markdown: String, lineOffset: Int, knownOutline: MarkdownOutline?)
        -> (html: [UInt8], text: MarkdownText.Reading, outline: MarkdownOutline) {
        let document = MarkdownDocument(markdown: markdown, lineOffset: lineOffset)
        let outline = knownOutline ?? MarkdownOutline(document)
        let text = MarkdownText.read(document)
        var renderer = self
        renderer.citationNumbers = outline.citationNumbers
        renderer.transform(document, outline: outline)
        return (document.htmlBytes(), text, outline)
    }

    private func render(_ document: MarkdownDocument, outline: MarkdownOutline) -> String {
        transform(document, outline: outline)
        return document.html()
    }

    private func transform(_ document: MarkdownDocument, outline: MarkdownOutline) {
        var pass = RenderPass(renderer: self, headingIDs: outline.headingIDs.makeIterator())
        pass.transform(document)
    }
}

/// One render of one page: what carries over from node to node, in
/// document order (table cells included, where they stand).
struct RenderPass {
    let renderer: MarkdownRenderer
    /// The outline has one id per heading of this same text.
    var headingIDs: IndexingIterator<[String]>
    /// How often each citation number was used so far, by number: its first use gets the id the reference list links back to.
    var citationUses: [Int] = []
    var imagesSeen = 0
    /// The id of the heading above: it names the tables in its section.
    var headingID: String?
    /// The allocator of the document being walked, which every node put in its tree is made with.
    var memory: UnsafeMutablePointer<cmark_mem> = cmark_get_default_mem_allocator()

    mutating func transform(_ document: MarkdownDocument) {
        // A table cell's document, walked inside its page's, has an allocator of its own.
        let outer = memory
        memory = document.memory
        defer { memory = outer }
        document.walk { visit($0, in: document) }
    }

    private mutating func visit(_ node: OpaquePointer, in document: MarkdownDocument) -> MarkdownDocument.Visit {
        switch MarkdownNode.type(node) {
        case CMARK_NODE_HEADING:
            let id = headingIDs.next() ?? ""
            headingID = id
            return .into(replaceHeading(node, id: id))
        case CMARK_NODE_PARAGRAPH:
            if case .table(let table) = MarkdownTable.reading(of: node, in: document) {
                return .past(replaceTable(node, table, in: document))
            }
            if let figure = replaceWithFigure(node) { return .into(figure) }
        case CMARK_NODE_BLOCK_QUOTE:
            if let callout = replaceCallout(node) { return .into(callout) }
        case CMARK_NODE_LINK:
            cmark_node_set_url(node, renderer.rewriteLink(MarkdownNode.url(node)))
            if MarkdownNode.title(node) == MarkdownConventions.button, MarkdownConventions.standsAlone(node) {
                return .into(replaceButton(node))
            }
        case CMARK_NODE_IMAGE:
            return .past(replaceImage(node))
        case CMARK_NODE_TEXT:
            return .past(replaceCitations(in: node))
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            // Authors' raw HTML never reaches the page; validation reports it.
            let empty = MarkdownNode.custom(MarkdownNode.type(node) == CMARK_NODE_HTML_BLOCK ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE, enter: "", memory: memory)
            cmark_node_replace(node, empty)
            cmark_node_free(node)
            return .past(empty)
        default:
            break
        }
        return .into(node)
    }

    private func replaceHeading(_ heading: OpaquePointer, id: String) -> OpaquePointer {
        let level = cmark_node_get_heading_level(heading)
        // The tags go in inline nodes: a custom block puts line breaks around its own.
        let block = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "", memory: memory)
        // Written as bytes (a level is one digit): interpolated, the two tags took some 2,000 instructions.
        let digit = UInt8(ascii: "0") + UInt8(clamping: level)
        var open: [UInt8] = []
        open.reserveCapacity(id.utf8.count + 16)
        open.append(literal: "<h")
        open.append(digit)
        open.append(literal: " id=\"")
        open.append(utf8: id)
        open.append(literal: "\">\0")
        var close: [UInt8] = []
        close.reserveCapacity(8)
        close.append(literal: "</h")
        close.append(digit)
        close.append(literal: ">\0")
        MarkdownNode.replace(heading, keepingChildrenIn: block)
        cmark_node_prepend_child(block, MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enterTerminated: open, memory: memory))
        cmark_node_append_child(block, MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enterTerminated: close, memory: memory))
        return block
    }

    /// The text with each citation as a custom node; returns the last node made, where the walk goes on.
    /// Read on the literal's bytes: the text between citations goes to cmark from a copy of them, each
    /// piece ended by a NUL in place of the `[` after it (read by then), with no string made of any.
    private mutating func replaceCitations(in node: OpaquePointer) -> OpaquePointer {
        guard MarkdownNode.mayCite(node) else { return node }
        var bytes = Array(MarkdownNode.literalBytes(node))
        let citations = bytes.withUnsafeBufferPointer { Citation.found(in: $0) }
        guard !citations.isEmpty else { return node }
        bytes.append(0)
        var cursor = 0
        var last = node
        func insert(_ new: OpaquePointer) {
            cmark_node_insert_before(node, new)
            last = new
        }
        bytes.withUnsafeMutableBufferPointer { bytes in
            let base = bytes.baseAddress!
            for citation in citations {
                if cursor < citation.bytes.lowerBound {
                    bytes[citation.bytes.lowerBound] = 0
                    insert(MarkdownNode.text(terminated: base + cursor, memory: memory))
                }
                insert(MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enterTerminated: citationHTML(citation.keys), memory: memory))
                cursor = citation.bytes.upperBound
            }
            // The rest ends at the NUL put after the literal.
            if cursor < bytes.count - 1 {
                insert(MarkdownNode.text(terminated: base + cursor, memory: memory))
            }
        }
        MarkdownNode.remove(node)
        return last
    }

    /// `<sup>` links to the reference list; the first use of each number gets
    /// the id that the reference list links back to. Its bytes end in a NUL, for cmark.
    private mutating func citationHTML(_ keys: [String]) -> [UInt8] {
        // Written as bytes: interpolated and joined, a citation's HTML took some 9,000 instructions,
        // appended to a string piece by piece some 5,000.
        var html: [UInt8] = []
        html.reserveCapacity(33 + 48 * keys.count)
        html.append(literal: "<sup class=\"citation\">[")
        for key in keys {
            // Numbers count the page's cited references from 1 (`MarkdownOutline.citationNumbers`).
            guard let number = renderer.citationNumbers[key], number > 0 else { continue }
            if number >= citationUses.count { citationUses += repeatElement(0, count: number + 1 - citationUses.count) }
            citationUses[number] += 1
            let count = citationUses[number]
            html.append(literal: html.last == UInt8(ascii: "[") ? "<a href=\"#ref-" : ", <a href=\"#ref-")
            html.append(decimal: UInt64(number))
            html.append(literal: "\" id=\"cite-")
            html.append(decimal: UInt64(number))
            if count > 1 {
                html.append(UInt8(ascii: "-"))
                html.append(decimal: UInt64(count))
            }
            html.append(literal: "\">")
            html.append(decimal: UInt64(number))
            html.append(literal: "</a>")
        }
        html.append(literal: "]</sup>\0")
        return html
    }
}
