import CMark
import CMarkArena
import XCTest
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel

/// A document's nodes and buffers are allocated in an arena of its own
/// (`CMarkArena`), given back whole with the document; when every arena is
/// taken, a document has cmark's own allocator.
final class MarkdownArenaTests: XCTestCase {
    /// Every content file's body, and shapes that make cmark allocate, grow and free
    /// in each way it does: long lines, many nodes, tables whose cells are documents of
    /// their own, citations and images the render replaces, raw HTML it empties.
    static func samples() -> [(name: String, markdown: String, lineOffset: Int)] {
        let sources = ContentLoader(directory: Repository.content, displayRoot: "content").load().sources
        let shapes = [
            ("one long line", String(repeating: "word ", count: 60_000) + "\n"),
            ("many links", String(repeating: "[a](b.md#c) *em* `code` ", count: 4_000)),
            ("open brackets", String(repeating: "[", count: 50_000)),
            ("citations", String(repeating: "Seen [@a; @b] and [@c].\n\n", count: 2_000)),
            ("table", "| h [@a] | *x* |\n|--|--:|\n" + String(repeating: "| [b](c.md) | ![i](j.png) |\n", count: 500)),
            ("headings and callouts", String(repeating: "## Step\n\n> [!NOTE]\n> Text\n\n[Go](x.md \"button\")\n\n![Alt](p.png \"Caption\")\n\n", count: 300)),
            ("raw HTML", String(repeating: "<div>x</div>\n\nText <b>bold</b>\n\n", count: 1_000)),
            ("empty", ""),
            ("past the arena's limit", Self.pastTheLimit),
        ]
        return sources.map { ($0.relativePath, $0.body, $0.bodyLineOffset) } + shapes.map { ($0.0, $0.1, 0) }
    }

    static func render(_ sample: (name: String, markdown: String, lineOffset: Int)) -> String {
        let renderer = MarkdownRenderer(rewriteLink: { "/to/" + $0 }, imageSize: { _ in ImageSize(width: 3, height: 2) })
        let made = renderer.renderReading(sample.markdown, lineOffset: sample.lineOffset, knownOutline: nil)
        return String(decoding: made.html, as: UTF8.self) + "\n" + made.text.blocks.map(\.text).joined(separator: "\n") + "\n" + "\(made.outline)"
    }

    func testADocumentInAnArenaRendersAsOneWithCmarksOwnAllocator() throws {
        let samples = Self.samples()
        XCTAssertGreaterThan(samples.count, 25)
        let inArenas = samples.map(Self.render)
        // Every arena held: the same samples with cmark's own allocator.
        let holders = (0..<40).map { _ in MarkdownDocument(markdown: "x") }
        XCTAssertEqual(holders.filter { site_cmark_arena_is_arena($0.memory) != 0 }.count, 32)
        XCTAssertEqual(site_cmark_arena_is_arena(MarkdownDocument(markdown: "y").memory), 0)
        for (sample, html) in zip(samples, inArenas) {
            XCTAssertEqual(Self.render(sample), html, sample.name)
        }
        withExtendedLifetime(holders) {}
    }

    /// The parser is fed the text (`cmark_parser_feed`, which takes an allocator) where
    /// `cmark_parse_document` read it before: the trees are the same, edge cases included.
    func testAFedParserReadsAsParsingTheDocument() {
        let edges = ["no newline at the end", "a\r\nb\r\n", "a\rb", "x\u{0}y", "\u{FEFF}# BOM", "    code\n", "- a\n- b\n\n1. c",
                     "```\nfence never closed", "line\\\nbreak  \nend", "[ref]\n\n[ref]: /url \"t\"", String(repeating: "a", count: 70_000)]
        for (name, markdown) in Self.samples().map({ ($0.name, $0.markdown) }) + edges.map({ ($0, $0) }) {
            for smart in [true, false] {
                let options = smart ? MarkdownDocument.smartOptions : MarkdownDocument.parseOptions
                // As the document was parsed before: the whole text, NUL and all (made U+FFFD).
                var text = markdown
                let parsed = text.isEmpty ? cmark_parse_document("", 0, options)! : text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options)! }
                }
                defer { cmark_node_free(parsed) }
                let expected = cmark_render_html(parsed, CMARK_OPT_DEFAULT).map { pointer in
                    defer { free(pointer) }
                    return String(cString: pointer)
                }
                XCTAssertEqual(MarkdownDocument(markdown: markdown, smartPunctuation: smart).html(), expected, name)
            }
        }
    }

    /// Enough nodes that what the parse frees fills an arena's 8 MB.
    static let pastTheLimit = String(repeating: "[a](b.md) *c* [", count: 20_000)

    /// Past its limit an arena's document takes its blocks from the general allocator,
    /// each freed when cmark frees it: a hostile page's leftovers stay bounded.
    func testAnArenaPastItsLimitTakesNoMore() {
        var document: MarkdownDocument? = MarkdownDocument(markdown: Self.pastTheLimit)
        let memory = document!.memory
        XCTAssertNotEqual(site_cmark_arena_overflowed(memory), 0)
        XCTAssertLessThanOrEqual(site_cmark_arena_bytes(memory), 8 << 20)
        XCTAssertTrue(document!.html().hasPrefix("<p><a href=\"b.md\">a</a> <em>c</em> ["))
        document = nil
        // What the arena keeps for its next document is one chunk of at most 1 MB, not the 8 MB.
        XCTAssertEqual(Self.held(memory).chunks, 1)
        XCTAssertLessThanOrEqual(Self.held(memory).bytes, 1 << 20)
        let next = MarkdownDocument(markdown: "x")
        XCTAssertEqual(next.memory, memory)
        XCTAssertEqual(site_cmark_arena_overflowed(memory), 0)
    }

    /// The bytes and number of the chunks an arena holds.
    static func held(_ memory: UnsafeMutablePointer<cmark_mem>) -> (bytes: Int, chunks: Int) {
        var chunks = 0
        let bytes = site_cmark_arena_held(memory, &chunks)
        return (bytes, chunks)
    }

    /// The one chunk an arena keeps is the next document's: a small page takes no other,
    /// and renders in it as in memory of its own, after a larger page wrote there.
    func testTheNextDocumentStartsInTheChunkTheArenaKept() {
        var large: MarkdownDocument? = MarkdownDocument(markdown: String(repeating: "Some *text* [a](b.md).\n\n", count: 300))
        let memory = large!.memory
        _ = large!.html()
        large = nil
        let kept = Self.held(memory)
        XCTAssertEqual(kept.chunks, 1)
        XCTAssertGreaterThan(kept.bytes, 16 << 10, "the largest chunk of the large page's, past the first")
        let small = MarkdownDocument(markdown: "A *small* page with [a link](c.md).")
        XCTAssertEqual(small.memory, memory)
        XCTAssertEqual(Self.held(memory).chunks, 1, "no chunk taken beside it")
        XCTAssertEqual(small.html(), "<p>A <em>small</em> page with <a href=\"c.md\">a link</a>.</p>\n")
    }

    func testAnArenaIsGivenBackWholeWithItsDocument() {
        var document: MarkdownDocument? = MarkdownDocument(markdown: String(repeating: "[a](b) ", count: 20_000))
        let memory = document!.memory
        XCTAssertNotEqual(site_cmark_arena_is_arena(memory), 0)
        XCTAssertGreaterThan(site_cmark_arena_bytes(memory), 1_000_000, "a large parse's nodes are in the arena")
        _ = document!.html()
        document = nil
        XCTAssertEqual(site_cmark_arena_bytes(memory), 0, "nothing held once the document is gone")
        // The arena is free again: the next document takes it.
        let next = MarkdownDocument(markdown: "x")
        XCTAssertEqual(next.memory, memory)
        XCTAssertEqual(next.html(), "<p>x</p>\n")
    }

    func testDocumentsOnManyThreadsEachKeepTheirOwnArena() {
        let samples = Self.samples().dropLast().suffix(8).map { ($0.name, $0.markdown, $0.lineOffset) }
        let expected = samples.map(Self.render)
        let results = Array(0..<8).concurrentMap { _ in (0..<2).flatMap { _ in samples.map(Self.render) } }
        for rendered in results {
            XCTAssertEqual(rendered, expected + expected)
        }
    }

    /// A node's plain text, gathered as bytes, is its text and code literals and a space for each
    /// line break, in order, as made a string each and joined: every node of every sample,
    /// with non-ASCII text and entities besides.
    func testAPlainTextIsItsLiteralsJoined() {
        func joined(_ node: OpaquePointer) -> String {
            var text = ""
            let iterator = cmark_iter_new(node)!
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                let current = cmark_iter_get_node(iterator)!
                switch cmark_node_get_type(current) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER { text += String(cString: cmark_node_get_literal(current)) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
                default: break
                }
            }
            return text
        }
        let extra = [("non-ASCII", "Café “quoted” — naïve 177Lu, 日本語 and 🧪 *emphasis* `code`\\\nnext &amp; &#x2014; &bogus; line\n")]
        var compared = 0
        for (name, markdown, lineOffset) in Self.samples() + extra.map({ ($0.0, $0.1, 0) }) {
            let document = MarkdownDocument(markdown: markdown, lineOffset: lineOffset)
            document.walk { node in
                XCTAssertEqual(MarkdownNode.plainText(node), joined(node), name)
                compared += 1
                return .into(node)
            }
        }
        XCTAssertGreaterThan(compared, 10_000)
    }
}
