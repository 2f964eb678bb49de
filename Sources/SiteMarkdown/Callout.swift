import CMark

/// GitHub's alert syntax: a block quote whose first line is `[!NOTE]`,
/// `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` is a callout.
enum Callout: String, CaseIterable {
    case note, tip, important, warning, caution

    /// The visible label and the aside's accessible name.
    var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The line `[!WORD]` at the start of a block quote: its text node and the word.
    static func marker(in blockquote: OpaquePointer) -> (node: OpaquePointer, word: String)? {
        guard let paragraph = cmark_node_first_child(blockquote), MarkdownNode.type(paragraph) == CMARK_NODE_PARAGRAPH,
              let text = cmark_node_first_child(paragraph), MarkdownNode.type(text) == CMARK_NODE_TEXT else { return nil }
        if let next = cmark_node_next(text), ![CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(MarkdownNode.type(next)) {
            return nil
        }
        let literal = MarkdownNode.literal(text)
        guard literal.hasPrefix("[!"), literal.hasSuffix("]"), literal.count > 3 else { return nil }
        let word = literal.dropFirst(2).dropLast()
        guard word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return (text, String(word))
    }

    /// GitHub reads the word in any case.
    init?(word: String) {
        self.init(rawValue: word.lowercased())
    }

    static var known: String {
        allCases.map { "[!\($0.rawValue.uppercased())]" }.joined(separator: ", ")
    }
}
