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

    public typealias Reading = (blocks: [Block], links: [LinkText])

    public static func read(_ markdown: String, lineOffset: Int) -> Reading {
        read(MarkdownDocument(markdown: markdown, lineOffset: lineOffset))
    }

    /// The words of a parsed document, which this leaves as it found it.
    static func read(_ document: MarkdownDocument) -> Reading {
        var blocks: [Block] = []
        var links: [LinkText] = []
        document.walk { node in
            switch MarkdownNode.type(node) {
            case CMARK_NODE_HEADING:
                blocks.append(Block(kind: .heading, text: MarkdownNode.plainText(node), line: document.line(of: node)))
            case CMARK_NODE_PARAGRAPH:
                // A table's cells are read one by one, as list items are: each a sentence of its own.
                if case .table(let table) = MarkdownTable.reading(of: node, in: document) {
                    let line = document.line(of: node)
                    for cells in table.rows {
                        for cell in cells { blocks.append(Block(kind: .listItem, text: cell, line: line)) }
                    }
                    return .past(node)
                }
                let inItem = cmark_node_parent(node).map { cmark_node_get_type($0) == CMARK_NODE_ITEM } ?? false
                blocks.append(Block(kind: inItem ? .listItem : .paragraph, text: MarkdownNode.plainText(node), line: document.line(of: node)))
            case CMARK_NODE_LINK:
                links.append(LinkText(destination: MarkdownNode.url(node), text: MarkdownNode.plainText(node), line: document.line(of: node)))
            default:
                break
            }
            return .into(node)
        }
        return (blocks, links)
    }
}
