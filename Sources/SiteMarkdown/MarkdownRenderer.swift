import CMark
import SiteModel

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

    /// The HTML of a Markdown body whose outline was made from the same text.
    /// The body is parsed anew into a tree of this call's own, so rendering
    /// never changes what validation saw and may run any number of times.
    public func render(_ markdown: String, outline: MarkdownOutline) -> String {
        let document = MarkdownDocument(markdown: markdown)
        var headingIDs = outline.headingIDs.makeIterator()
        var citationUses: [Int: Int] = [:]
        for node in document.nodes() {
            switch MarkdownNode.type(node) {
            case CMARK_NODE_HEADING:
                // The outline has one id per heading of this same text.
                replaceHeading(node, id: headingIDs.next() ?? "")
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
