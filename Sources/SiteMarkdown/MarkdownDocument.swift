import CMark
import CMarkArena
import SiteModel
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
    /// What every node and buffer of the tree is allocated with (cmark asks one
    /// allocator of a tree): the document's own arena (`CMarkArena`), which goes
    /// whole with it, where freeing a clean build's trees node by node was 6% of it.
    let memory: UnsafeMutablePointer<cmark_mem>
    let lineOffset: Int
    let markdown: String
    /// The Markdown's lines as written: a table is read from these, since
    /// cmark sees it as a paragraph whose dashes smart punctuation has changed.
    /// Where each line starts, in UTF-8 bytes; found on first use, since most documents never need them.
    private lazy var lineStarts: [Int] = {
        var starts = [0]
        var text = markdown
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var from = base
            let end = base + bytes.count
            while from < end, let newline = memchr(from, 0x0A, end - from) {
                from = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(from - base)
            }
        }
        return starts
    }()
    /// Only a document with a `|` can hold a table; a table cell's document holds no table of its own.
    var readsTables: Bool
    /// Each top-level paragraph's reading as a table, by its first line (each starts on a line of its own).
    var tableReadings: [Int32: MarkdownTable.Reading] = [:]

    /// Safe mode stays on (the default), so raw HTML and dangerous URLs never
    /// reach the output. Adjacent text nodes (cmark splits at `[` and `]`)
    /// become one, so a citation such as `[@key]` stands in a single node:
    /// libcmark 0.30 does so as it finishes every parse, and earlier versions
    /// when asked (NORMALIZE). The text is a Swift string, valid UTF-8 by
    /// construction: cmark's own check of it (VALIDATE_UTF8) only cost 7% of
    /// each parse (NUL is made U+FFFD with or without it).
    static let parseOptions = CMARK_OPT_NORMALIZE
    /// Smart punctuation, for typographic quotes and dashes in what readers see.
    static let smartOptions = parseOptions | CMARK_OPT_SMART

    /// Whether this parse made typographic quotes and dashes.
    let smartPunctuation: Bool

    /// `smartPunctuation` for what readers see (the default); without it, a
    /// third less work (of a generated page's parse, 330,000 instructions of
    /// 970,000), for what only the build reads (see `MarkdownOutline`).
    init(markdown: String, lineOffset: Int = 0, smartPunctuation: Bool = true) {
        var text = markdown
        let options = smartPunctuation ? Self.smartOptions : Self.parseOptions
        memory = site_cmark_arena_take()
        let parser = cmark_parser_new_with_mem(options, memory)
        if !text.isEmpty {
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
        }
        root = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        self.smartPunctuation = smartPunctuation
        self.lineOffset = lineOffset
        self.markdown = markdown
        readsTables = markdown.containsBytes("|")
    }

    deinit {
        // A tree in an arena goes with it; one of cmark's own allocator, or with blocks
        // from it (an arena past its limit), is freed node by node.
        if site_cmark_arena_is_arena(memory) == 0 || site_cmark_arena_overflowed(memory) != 0 { cmark_node_free(root) }
        site_cmark_arena_give_back(memory)
    }

    /// Where a walk goes after a node: into its children, or on past it.
    enum Visit {
        case into(OpaquePointer)
        case past(OpaquePointer)
    }

    /// Visits the nodes below the root in document order. `visit` may
    /// replace the node it is given (and change what lies below it): it
    /// returns the node the walk goes on from, so nothing freed is visited.
    func walk(_ visit: (OpaquePointer) -> Visit) {
        var next = cmark_node_first_child(root)
        while let node = next {
            let current: OpaquePointer
            switch visit(node) {
            case .into(let visited):
                current = visited
                if let child = cmark_node_first_child(visited) {
                    next = child
                    continue
                }
            case .past(let visited):
                current = visited
            }
            next = successor(of: current)
        }
    }

    /// The next node after `node` and everything below it, or nil at the end.
    private func successor(of node: OpaquePointer) -> OpaquePointer? {
        var current: OpaquePointer? = node
        while let candidate = current, candidate != root {
            if let sibling = cmark_node_next(candidate) { return sibling }
            current = cmark_node_parent(candidate)
        }
        return nil
    }

    /// The file lines of a block that the text has, first to last.
    private func lineNumbers(of node: OpaquePointer) -> ClosedRange<Int>? {
        let start = max(Int(cmark_node_get_start_line(node)), 1)
        let end = min(Int(cmark_node_get_end_line(node)), lineStarts.count)
        return start <= end ? start...end : nil
    }

    /// The source lines of a block, as written.
    func sourceLines(of node: OpaquePointer) -> ArraySlice<Substring> {
        guard let numbers = lineNumbers(of: node) else { return [] }
        let utf8 = markdown.utf8
        return ArraySlice(numbers.map { number in
            let from = lineStarts[number - 1]
            // A line ends before its newline; the last line at the end of the text.
            let to = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
            return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
        })
    }

    /// `body`'s answer from the Markdown's UTF-8 bytes and the source lines of a block as ranges of them,
    /// or nil when it answers nil (or the block has no lines).
    func withSourceLines<Result>(of node: OpaquePointer, _ body: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> Result?) -> Result? {
        guard let numbers = lineNumbers(of: node) else { return nil }
        let starts = lineStarts
        var text = markdown
        return text.withUTF8 { bytes in
            body(bytes, numbers.map { number in starts[number - 1]..<(number < starts.count ? starts[number] - 1 : bytes.count) })
        }
    }

    /// Whether the source lines of a block hold `byte`, searched without making the lines.
    func sourceLines(of node: OpaquePointer, contain byte: UInt8) -> Bool {
        guard let numbers = lineNumbers(of: node) else { return false }
        let from = lineStarts[numbers.lowerBound - 1]
        var text = markdown
        return text.withUTF8 { bytes in
            let to = numbers.upperBound < lineStarts.count ? lineStarts[numbers.upperBound] : bytes.count
            guard let base = bytes.baseAddress, from < to else { return false }
            return memchr(base + from, Int32(byte), to - from) != nil
        }
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
        MarkdownNode.html(root, memory: memory)
    }

    /// The same, as cmark wrote its bytes: a page's file takes them as they are. (A `String`
    /// of them checks each byte as UTF-8, some 7 instructions a byte in a page's HTML; cmark
    /// writes UTF-8, having replaced what was not UTF-8 in its input.)
    func htmlBytes() -> [UInt8] {
        MarkdownNode.withHTML(root, memory: memory) { Array($0) }
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

    /// A node's literal as its bytes, where cmark keeps them (no string made of them), while the node
    /// stands unchanged; empty when it has none.
    static func literalBytes(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    /// Whether a node's literal holds `[@`, asked of its C string: most text
    /// cites nothing, and making a Swift string of each costs more than the search.
    static func mayCite(_ node: OpaquePointer) -> Bool {
        cmark_node_get_literal(node).map { strstr($0, "[@") != nil } ?? false
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func title(_ node: OpaquePointer) -> String {
        cmark_node_get_title(node).map { String(cString: $0) } ?? ""
    }

    /// The HTML cmark writes for one node and what lies below it (escaped, safe URLs only).
    static func html(_ node: OpaquePointer, memory: UnsafeMutablePointer<cmark_mem>) -> String {
        withHTML(node, memory: memory) { String(decoding: $0, as: UTF8.self) }
    }

    /// That HTML's bytes, handed to `body`: cmark writes them with the node's allocator, `memory`, which frees them after.
    static func withHTML<Result>(_ node: OpaquePointer, memory: UnsafeMutablePointer<cmark_mem>,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let pointer = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { memory.pointee.free(pointer) }
        return body(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
    }

    /// Takes a node out of its tree and frees it with everything below it.
    static func remove(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Puts `replacement` where `node` was, moving `node`'s children into it, and frees `node`.
    static func replace(_ node: OpaquePointer, keepingChildrenIn replacement: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(replacement, child)
        }
        cmark_node_replace(node, replacement)
        cmark_node_free(node)
    }

    /// The plain text of a node's inline content (for heading ids).
    /// The tree is walked once for its pieces, kept on the stack (up to `keptPieces`; a
    /// node of more is walked again), and the string is made once, in place: a string
    /// made of each literal, and appended, took twice the copies and checks and an
    /// allocation each (3% of a build's instructions), and a second walk of the tree for
    /// the copies, each literal's length found again, some 40% of the rest.
    static func plainText(_ node: OpaquePointer) -> String {
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: keptPieces) { kept in
            var count = 0, pieces = 0
            forEachPiece(of: node) { piece in
                if pieces < kept.count { kept[pieces] = piece }
                pieces += 1
                count += piece.count
            }
            guard count > 0 else { return "" }
            return String(unsafeUninitializedCapacity: count) { buffer in
                var at = 0
                func copy(_ piece: UnsafeBufferPointer<UInt8>) {
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + piece.count)]).initialize(from: piece)
                    at += piece.count
                }
                if pieces <= kept.count {
                    for piece in kept[..<pieces] { copy(piece) }
                } else {
                    forEachPiece(of: node, copy)
                }
                return at
            }
        }
    }

    /// How many pieces `plainText` keeps from its walk: a paragraph's text and breaks are seldom more.
    static let keptPieces = 64

    /// The plain text's pieces, in order: each text and code literal at or below `node`,
    /// and a space for each line break. Walked by the nodes' links (an iterator is an allocation).
    private static func forEachPiece(of node: OpaquePointer, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let space: StaticString = " "
        var next: OpaquePointer? = node
        while let current = next {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                body(literalBytes(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                body(UnsafeBufferPointer(start: space.utf8Start, count: 1))
            default:
                break
            }
            if let child = cmark_node_first_child(current) {
                next = child
                continue
            }
            next = nil
            var climbing: OpaquePointer? = current
            while let at = climbing, at != node {
                if let sibling = cmark_node_next(at) {
                    next = sibling
                    break
                }
                climbing = cmark_node_parent(at)
            }
        }
    }

    // Strings reach cmark through `withCString`, which hands over a string's own bytes: passed
    // as they are, each was first copied into an array (some 300 instructions a node).
    static func text(_ literal: String, memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        literal.withCString { text(terminated: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), memory: memory) }
    }

    /// A text node of the bytes at `literal`, up to their NUL (cmark copies them).
    static func text(terminated literal: UnsafePointer<UInt8>, memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory)!
        _ = literal.withMemoryRebound(to: CChar.self, capacity: 1) { cmark_node_set_literal(node, $0) }
        return node
    }

    /// A node that renders the given HTML around its children. Custom nodes
    /// are ours, not the author's, so safe mode lets them through.
    static func custom(_ type: cmark_node_type, enter: String, exit: String = "", memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        let node = cmark_node_new_with_mem(type, memory)!
        _ = enter.withCString { cmark_node_set_on_enter(node, $0) }
        if !exit.isEmpty { _ = exit.withCString { cmark_node_set_on_exit(node, $0) } }
        return node
    }

    /// `custom` whose HTML on entering is UTF-8 bytes that end in a NUL, handed to cmark as they are
    /// (cmark's copy ends at the first NUL, as it does for a string's): no string made of them.
    static func custom(_ type: cmark_node_type, enterTerminated html: [UInt8], memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        precondition(html.last == 0, "a custom node's HTML ends in a NUL")
        let node = cmark_node_new_with_mem(type, memory)!
        _ = html.withUnsafeBytes { cmark_node_set_on_enter(node, $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
        return node
    }
}
