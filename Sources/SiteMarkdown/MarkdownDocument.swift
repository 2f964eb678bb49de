import CMark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed CommonMark document (libcmark's AST) that owns its tree.
///
/// Lines reported by nodes are file lines: `lineOffset` is the number of
/// lines (front matter) that stand before the Markdown body in its file.
final class MarkdownDocument {
    let root: OpaquePointer
    let lineOffset: Int

    /// Smart punctuation for typographic quotes and dashes; safe mode stays on
    /// (the default), so raw HTML and dangerous URLs never reach the output.
    static let parseOptions = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8

    init(markdown: String, lineOffset: Int = 0) {
        let bytes = Array(markdown.utf8)
        root = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, Self.parseOptions)
            }
        }
        self.lineOffset = lineOffset
        // Adjacent text nodes (cmark splits at `[` and `]`) become one, so a
        // citation such as `[@key]` stands in a single node.
        cmark_consolidate_text_nodes(root)
    }

    deinit {
        cmark_node_free(root)
    }

    /// Every node of the tree in document order.
    func nodes() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                result.append(node)
            }
        }
        return result
    }

    func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        // Inline nodes carry no position in cmark 0.30; their block does.
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line + lineOffset }
            current = cmark_node_parent(candidate)
        }
        return lineOffset + 1
    }

    /// The HTML of the tree as it stands now.
    func html() -> String {
        guard let pointer = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// Small typed views of libcmark's node accessors.
enum MarkdownNode {
    static func type(_ node: OpaquePointer) -> cmark_node_type {
        cmark_node_get_type(node)
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// The plain text of a node's inline content (for heading ids).
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER { text += literal(current) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    static func text(_ literal: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, literal)
        return node
    }

    /// A node that renders the given HTML around its children. Custom nodes
    /// are ours, not the author's, so safe mode lets them through.
    static func custom(_ type: cmark_node_type, enter: String, exit: String = "") -> OpaquePointer {
        let node = cmark_node_new(type)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }
}
