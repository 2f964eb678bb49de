import CMark

/// What validation needs to know about a Markdown body: its heading ids, the
/// links and images it makes, the citations it uses and any raw HTML in it,
/// each with its file line.
public struct MarkdownOutline: Sendable {
    public struct Link: Equatable, Sendable {
        public let destination: String
        public let line: Int
        public let isImage: Bool
    }

    public struct CitationUse: Equatable, Sendable {
        public let keys: [String]
        public let line: Int
    }

    public var headingIDs: [String] = []
    public var links: [Link] = []
    public var citations: [CitationUse] = []
    /// Lines of raw HTML blocks and inline tags, which the renderer drops.
    public var rawHTMLLines: [Int] = []

    public init(_ document: MarkdownDocument) {
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

    /// Citation keys in order of first use: the numbering of the page's reference list.
    public var citedKeys: [String] {
        var seen: Set<String> = []
        return citations.flatMap(\.keys).filter { seen.insert($0).inserted }
    }
}
