import CMark
import SiteModel

extension MarkdownOutline {
    /// The outline of a Markdown body; `lineOffset` is the number of file
    /// lines before it. The parsed tree is freed when this returns.
    public init(markdown: String, lineOffset: Int = 0) {
        self.init(MarkdownDocument(markdown: markdown, lineOffset: lineOffset))
    }

    init(_ document: MarkdownDocument) {
        self.init()
        var headingTexts: [String] = []
        for node in document.nodes() {
            switch MarkdownNode.type(node) {
            case CMARK_NODE_HEADING:
                headingTexts.append(Self.withoutCitations(MarkdownNode.plainText(node)))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                links.append(Link(destination: MarkdownNode.url(node), line: document.line(of: node),
                                  isImage: MarkdownNode.type(node) == CMARK_NODE_IMAGE))
            case CMARK_NODE_TEXT:
                for citation in Citation.scan(MarkdownNode.literal(node)) {
                    citations.append(CitationUse(keys: citation.keys, line: document.line(of: node)))
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                rawHTMLLines.append(document.line(of: node))
            default:
                break
            }
        }
        headingIDs = HeadingID.assign(headingTexts)
    }

    /// A heading's id comes from its words, not from the citations in it.
    static func withoutCitations(_ text: String) -> String {
        var result = text
        for citation in Citation.scan(text).reversed() { result.removeSubrange(citation.range) }
        return result
    }
}
