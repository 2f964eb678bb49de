import CMark
import SiteModel

/// The words of a Markdown body as readers meet them, for editorial checks:
/// each heading, paragraph and list item a block of plain text (citations
/// kept as written, `[@key]`), with its file line; and each link's text.
public enum MarkdownText {
    public struct Block: Sendable, Equatable {
        public enum Kind: Sendable { case heading, paragraph, listItem }
        public let kind: Kind
        public let text: String
        public let line: Int
    }

    public struct LinkText: Sendable, Equatable {
        public let destination: String
        public let text: String
        public let line: Int
    }

    public static func read(_ markdown: String, lineOffset: Int) -> (blocks: [Block], links: [LinkText]) {
        let document = MarkdownDocument(markdown: markdown, lineOffset: lineOffset)
        var blocks: [Block] = []
        var links: [LinkText] = []
        for node in document.nodes() {
            switch MarkdownNode.type(node) {
            case CMARK_NODE_HEADING:
                blocks.append(Block(kind: .heading, text: MarkdownNode.plainText(node), line: document.line(of: node)))
            case CMARK_NODE_PARAGRAPH:
                let inItem = cmark_node_parent(node).map { cmark_node_get_type($0) == CMARK_NODE_ITEM } ?? false
                blocks.append(Block(kind: inItem ? .listItem : .paragraph, text: MarkdownNode.plainText(node), line: document.line(of: node)))
            case CMARK_NODE_LINK:
                links.append(LinkText(destination: MarkdownNode.url(node), text: MarkdownNode.plainText(node), line: document.line(of: node)))
            default:
                break
            }
        }
        return (blocks, links)
    }
}
