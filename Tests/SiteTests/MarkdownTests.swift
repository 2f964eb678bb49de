import CMark
import Mustache
import XCTest
@testable import SiteCheck
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
@testable import SiteScaffold
@testable import SiteValidate
@testable import SiteWrite

final class HeadingIDTests: XCTestCase {
    func testASCIISlugsAreTheFoldedOnes() {
        // Every printable ASCII character, alone and between letters, slugged without folding as with it.
        let printable = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        let texts = printable + printable.map { "Ab\($0)Cd 9" } + ["The NETTER-1 trial", "  Who may benefit?  ", "A--B__C", "", "---"]
        for text in texts {
            XCTAssertEqual(Slug.make(text), Slug.hyphenated(Slug.folded(text)), text)
        }
    }

    func testSlugs() {
        XCTAssertEqual(Slug.make("The NETTER-1 trial"), "the-netter-1-trial")
        XCTAssertEqual(Slug.make("  Who may benefit?  "), "who-may-benefit")
        XCTAssertEqual(Slug.make("Café & crème"), "cafe-creme")
        XCTAssertEqual(Slug.make("177Lu-PSMA: how it works"), "177lu-psma-how-it-works")
        XCTAssertEqual(Slug.make("???"), "section")
    }

    /// NFKC keeps what compatibility forms say: superscript digits, ligatures, full-width letters.
    func testSlugsAfterCompatibilityNormalisation() {
        XCTAssertEqual(Slug.make("¹⁷⁷Lu-PSMA at a glance"), "177lu-psma-at-a-glance")
        XCTAssertEqual(Slug.make("Eﬃcacy of ＰＳＭＡ"), "efficacy-of-psma")
        XCTAssertEqual(Slug.make("Lu‑177 (non-breaking hyphen)"), "lu-177-non-breaking-hyphen")
    }

    func testSuperscriptHeadingIsLinkedByItsDigits() throws {
        let workspace = try Workspace()
        try workspace.edit("services/psma.md", replacing: "## Who it is for", with: "## ¹⁷⁷Lu-PSMA at a glance\n\n## Who it is for")
        try workspace.edit("about.md", replacing: "Back [home]", with: "See [the summary](services/psma.md#177lu-psma-at-a-glance). Back [home]")
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("services/psma/index.html").contains(#"<h2 id="177lu-psma-at-a-glance">¹⁷⁷Lu-PSMA at a glance</h2>"#))
        XCTAssertTrue(try workspace.read("about/index.html").contains(#"href="../services/psma/#177lu-psma-at-a-glance""#))
    }

    /// A slug written into its string's storage is the ASCII letters and digits, lower case, of
    /// each run between others, joined by hyphens: drawn texts of letters, digits, marks and more.
    func testSlugsAreTheRunsOfLettersAndDigitsJoined() {
        var generator = SeededGenerator(seed: 20261201)
        let pieces = ["a", "Z", "7", "-", " ", "?", "é", "ß", "😀", "ab", "Q9", "--", "  ", "_", "\u{301}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let runs = text.utf8.split { !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39)) }
                .map { String(decoding: $0, as: UTF8.self).lowercased() }
            XCTAssertEqual(Slug.hyphenated(text), runs.isEmpty ? "section" : runs.joined(separator: "-"), text)
        }
    }

    /// Ids are told reserved by their first letter before the sets are asked: the answer is
    /// the sets' for the reserved ids, ids near them and drawn ids.
    func testReservedIdsAreThoseOfTheSetsAndPrefixes() {
        var generator = SeededGenerator(seed: 20261202)
        let known = Array(TemplateIDs.reserved) + TemplateIDs.prefixes.flatMap { [$0, $0 + "1", String($0.dropLast())] }
        let drawn = (0..<3_000).map { _ in
            String((0..<Int.random(in: 0..<8, using: &generator)).map { _ in "abcfmnrsz-19A".randomElement(using: &generator)! })
        }
        let near = known.map { $0 + "s" } + known.map { "x" + $0 }
        for id in known + near + drawn + ["", "-", "9", "é"] {
            XCTAssertEqual(TemplateIDs.isReserved(id), TemplateIDs.reserved.contains(id) || TemplateIDs.hasNumberedPrefix(id), id)
        }
    }

    /// The ids a page takes are those of the rule with every id taken kept in a set: a page of a
    /// few headings searches its ids in turn, one of many hashes them.
    func testIdsOfFewAndManyHeadingsAreTheRulesIds() {
        func expected(_ texts: [String]) -> [String] {
            var used: Set<String> = []
            var nextNumber: [String: Int] = [:]
            return texts.map { text in
                var base = Slug.make(text)
                if TemplateIDs.hasNumberedPrefix(base) { base = "section-" + base }
                if !(TemplateIDs.reserved.contains(base) || TemplateIDs.hasNumberedPrefix(base)), used.insert(base).inserted { return base }
                let numbered = TemplateIDs.prefixes.contains(base + "-") ? "section-" + base : base
                var counter = nextNumber[base, default: 2]
                var candidate: String
                repeat {
                    candidate = "\(numbered)-\(counter)"
                    counter += 1
                } while used.contains(candidate) || TemplateIDs.reserved.contains(candidate) || TemplateIDs.hasNumberedPrefix(candidate)
                nextNumber[base] = counter
                used.insert(candidate)
                return candidate
            }
        }
        var generator = SeededGenerator(seed: 20261203)
        let names = ["Aims", "Aims 2", "References", "Review", "Ref", "Cite", "Centre", "Main", "Finder", "Aims-2", "Section ref", "2", "?"]
        for count in Array(0...20) + [40, 80] {
            for _ in 0..<20 {
                let texts = (0..<count).map { _ in names.randomElement(using: &generator)! }
                XCTAssertEqual(HeadingID.assign(texts), expected(texts), "\(texts)")
            }
        }
    }

    func testRepeatsAndReservedIdsGetSuffixes() {
        XCTAssertEqual(HeadingID.assign(["Aims", "Aims", "References", "Aims"]), ["aims", "aims-2", "references-2", "aims-3"])
    }

    func testHeadingsRenderWithIds() {
        let (html, _) = MarkdownFragment.render("## How it *works*\n\n### How it works\n", file: "x.md")
        XCTAssertTrue(html.contains("<h2 id=\"how-it-works\">"), html)
        XCTAssertTrue(html.contains("How it <em>works</em>"), html)
        XCTAssertTrue(html.contains("<h3 id=\"how-it-works-2\">"), html)
    }
}

final class CitationTests: XCTestCase {
    func testScanFindsSingleAndGroupedCitations() {
        let text = "A [@hofman2018] and [@a; @b-2] but not [see @x] or [@bad key]."
        XCTAssertEqual(Citation.scan(text).map(\.keys), [["hofman2018"], ["a", "b-2"]])
    }

    /// Keys read from ASCII bytes are the keys read as characters.
    func testKeysOnBytesAreKeysOnCharacters() {
        let inners = ["@a", " @a ; @b ", "\t@x\t", "@", "@a b", "@a;;@b", "@a;", ";@a", "@-_9", "a@b", "@@a", "@a.b", " ", "", "@A; @z-1_",
                      "@a; ", "@a ;@b;@c", ";", "@a;@", "@a; @b ; @c-d_e;@f"]
        for inner in inners {
            let ascii = Array(inner.utf8).withUnsafeBufferPointer { Citation.keys(inASCII: $0) }
            XCTAssertEqual(ascii, Citation.keys(in: Substring(inner)), inner)
        }
        // Where each citation stands, as an index of the text it was found in.
        let text = "Café [@a] – [@b; @c]\u{A0}[@d;\u{A0}@f\u{A0}] [@\u{A0}g] [x][@e"
        let found = Citation.scan(text)
        XCTAssertEqual(found.map { String(text[$0.range]) }, ["[@a]", "[@b; @c]", "[@d;\u{A0}@f\u{A0}]"])
        XCTAssertEqual(found.map(\.keys), [["a"], ["b", "c"], ["d", "f"]])
        // Their places as byte offsets, without the keys made, are those of the citations scanned.
        var generator = SeededGenerator(seed: 20261130)
        let pieces = ["[", "]", "@", "@a", "; ", ";", " ", "x", "é", "\u{A0}", "[@b]", "-", "\n"]
        let drawn = (0..<2000).map { _ in (0..<Int.random(in: 0..<12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        var cited = 0
        for text in drawn + [text] {
            let utf8 = text.utf8
            let offsets = Citation.scan(text).map { utf8.distance(from: utf8.startIndex, to: $0.range.lowerBound)..<utf8.distance(from: utf8.startIndex, to: $0.range.upperBound) }
            var copy = text
            XCTAssertEqual(copy.withUTF8 { Citation.byteRanges(in: $0) }, offsets, text.debugDescription)
            cited += offsets.isEmpty ? 0 : 1
        }
        XCTAssertGreaterThan(cited, 200)
    }

    func testCitationsAreNumberedByFirstUse() {
        let markdown = "First [@b].\n\nThen [@a; @b], and [@a].\n"
        let (html, _) = MarkdownFragment.render(markdown, file: "x.md")
        XCTAssertTrue(html.contains(##"First <sup class="citation">[<a href="#ref-1" id="cite-1">1</a>]</sup>."##), html)
        XCTAssertTrue(html.contains(##"[<a href="#ref-2" id="cite-2">2</a>, <a href="#ref-1" id="cite-1-2">1</a>]"##), html)
        XCTAssertTrue(html.contains(##"<a href="#ref-2" id="cite-2-2">2</a>]</sup>."##), html)
    }

    /// The text around each citation stays whole however short it is: one character before, one after,
    /// none between two, and characters beyond ASCII next to the brackets.
    func testTextBesideCitationsIsKeptWhole() {
        let cite = { (number: Int, id: String) in ##"<sup class="citation">[<a href="#ref-\##(number)" id="\##(id)">\##(number)</a>]</sup>"## }
        let (html, _) = MarkdownFragment.render("a[@b][@a]c é[@b]ü\n\n[@a]\n", file: "x.md")
        XCTAssertTrue(html.contains("<p>a" + cite(1, "cite-1") + cite(2, "cite-2") + "c é" + cite(1, "cite-1-2") + "ü</p>"), html)
        XCTAssertTrue(html.contains("<p>" + cite(2, "cite-2-2") + "</p>"), html)
    }

    /// cmark splits text at brackets; each parse joins the pieces again, so a citation is read from one node.
    func testTextBetweenBracketsIsOneNode() {
        let document = MarkdownDocument(markdown: "See [this [@a] and [b]] too [@c; @d].\n")
        var texts: [String] = []
        document.walk { node in
            if MarkdownNode.type(node) == CMARK_NODE_TEXT { texts.append(MarkdownNode.literal(node)) }
            return .into(node)
        }
        XCTAssertEqual(texts, ["See [this [@a] and [b]] too [@c; @d]."])
    }

    /// The outline is read without smart punctuation unless a line could make
    /// a citation that smart dashes would unmake: whatever the text, it is the
    /// outline read as readers see the text.
    func testTheOutlineIsTheOneReadWithSmartPunctuation() throws {
        func asReadersSeeIt(_ markdown: String) -> MarkdownOutline {
            MarkdownOutline(MarkdownDocument(markdown: markdown, smartPunctuation: true))
        }
        // Where smart dashes unmake a citation: read as readers see it.
        for text in ["See [@smith--2020].\n", "See [&#64;smith--2020].\n", "## Risks [@a---b]\n", "| a |\n|--|\n| [@x--y] |\n"] {
            XCTAssertTrue(MarkdownOutline.needsSmartPunctuation(text), text)
            XCTAssertEqual(MarkdownOutline(markdown: text), asReadersSeeIt(text), text)
        }
        XCTAssertTrue(MarkdownOutline(markdown: "See [@smith--2020].\n").citations.isEmpty)
        // Tables' alignment rows and dashes away from any `@` leave the quicker reading.
        XCTAssertFalse(MarkdownOutline.needsSmartPunctuation("| a | b [@c] |\n|:--|--:|\n| 1 -- 2 | x |\n"))
        // Every content file of the site.
        let sources = ContentLoader(directory: Repository.content, displayRoot: "content").load().sources
        XCTAssertGreaterThan(sources.count, 20)
        for source in sources {
            XCTAssertEqual(MarkdownOutline(markdown: source.body, lineOffset: source.bodyLineOffset),
                           MarkdownOutline(MarkdownDocument(markdown: source.body, lineOffset: source.bodyLineOffset, smartPunctuation: true)), source.relativePath)
        }
        // And 3,000 texts drawn from what smart punctuation changes, what makes headings,
        // citations, links and tables, and what escapes or hides them.
        var generator = SeededGenerator(seed: 20261130)
        let pieces = ["'", "\"", "--", "---", "...", "-", " ", "\n", "\n\n", "## ", "# ", "[@", "@", "]", "[", "a", "key", "It's", "\\", "\\-",
                      "&#64;", "&amp;", "&#45;", "*", "_", "`", "(x.md)", "(x.md \"button\")", "![", "| ", " |", "|--|", "> ", "- ", "1. ", "<b>", "é", "’"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(MarkdownOutline(markdown: text), asReadersSeeIt(text), text)
        }
    }

    /// A build's render step makes the outline of a page whose outline is not
    /// known from the same parse as its HTML: that outline is the one the load
    /// step would have made, and the HTML the one rendered with a known outline.
    func testTheRendersOwnOutlineIsTheLoadsAndTheHTMLTheSame() throws {
        let renderer = MarkdownRenderer(rewriteLink: { "/to/" + $0 })
        func check(_ markdown: String, lineOffset: Int = 0, _ name: String) {
            let known = MarkdownOutline(markdown: markdown, lineOffset: lineOffset)
            let made = renderer.renderReading(markdown, lineOffset: lineOffset, knownOutline: nil)
            XCTAssertEqual(made.outline, known, name)
            let given = renderer.renderReading(markdown, lineOffset: lineOffset, knownOutline: known)
            XCTAssertEqual(given.outline, known, name)
            XCTAssertEqual(made.html, given.html, name)
            XCTAssertEqual(made.text.blocks, given.text.blocks, name)
            XCTAssertEqual(made.text.links, given.text.links, name)
            var numbered = renderer
            numbered.citationNumbers = known.citationNumbers
            XCTAssertEqual(made.html, Array(numbered.renderReading(markdown, lineOffset: lineOffset, outline: known).html.utf8), name)
        }
        let sources = ContentLoader(directory: Repository.content, displayRoot: "content").load().sources
        XCTAssertGreaterThan(sources.count, 20)
        for source in sources { check(source.body, lineOffset: source.bodyLineOffset, source.relativePath) }
        check("# A\n\n# A\n\nSee [@b; @a] and [@a], [x](y.md#z) ![i](j.png)\n\n| h [@c] |\n|--|\n| [@b] |\n", "repeated headings and citations")
        check("See [@smith--2020] -- and 'quotes'...\n", "smart punctuation")
    }

    func testCitationInsideEmphasisAndCodeIsLeftInCode() {
        let (html, _) = MarkdownFragment.render("*shown [@a]* and `[@b]`\n", file: "x.md")
        XCTAssertTrue(html.contains("<em>shown <sup class=\"citation\">"), html)
        XCTAssertTrue(html.contains("<code>[@b]</code>"), html)
    }

    /// Cited keys in order of first use, however many: a few compared in the list, more in a set.
    func testCitedKeysAreTheKeysInOrderOfFirstUse() {
        var generator = SeededGenerator(seed: 20261130)
        let few = FirstUses<String>.few
        for distinct in [0, 1, 3, few - 1, few, few + 1, 40, 300] {
            var outline = MarkdownOutline()
            let keys = (0..<max(distinct, 1)).map { "key\($0)" }
            for line in 0..<(distinct == 0 ? 0 : distinct * 3) {
                outline.citations.append(.init(keys: (0..<Int.random(in: 1...3, using: &generator)).map { _ in keys.randomElement(using: &generator)! }, line: line))
            }
            var seen: Set<String> = []
            let expected = outline.citations.flatMap(\.keys).filter { seen.insert($0).inserted }
            XCTAssertEqual(outline.citedKeys, expected, "\(distinct) keys")
            XCTAssertEqual(Set(outline.citedKeys).count, outline.citedKeys.count)
        }
    }

    /// Each element once, in order of first use, and whether it was new, on both sides of the switch to a set.
    func testFirstUsesKeepEachElementOnceInOrder() {
        var generator = SeededGenerator(seed: 20261130)
        for distinct in [1, 2, FirstUses<Int>.few - 1, FirstUses<Int>.few, FirstUses<Int>.few + 1, 100, 2_000] {
            let given = (0..<(distinct * 3)).map { _ in Int.random(in: 0..<distinct, using: &generator) }
            var uses = FirstUses<Int>(), seen: Set<Int> = []
            for element in given { XCTAssertEqual(uses.insert(element), seen.insert(element).inserted, "\(distinct): \(element)") }
            var again: Set<Int> = []
            XCTAssertEqual(uses.elements, given.filter { again.insert($0).inserted }, "\(distinct)")
        }
    }
}

final class SafeRenderingTests: XCTestCase {
    func testRawHTMLNeverReachesTheOutput() {
        let markdown = "Hello <script>alert(1)</script> there.\n\n<div onclick=\"x()\">block</div>\n\n[x](javascript:alert(1))\n"
        let (html, diagnostics) = MarkdownFragment.render(markdown, file: "x.md")
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("<div"), html)
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertEqual(diagnostics.map(\.line), [1, 1, 3, 5])
        XCTAssertEqual(diagnostics.reasons, [.rawHTML, .rawHTML, .rawHTML, .forbiddenLink])
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .error }, "site render applies the build's rules")
    }
}

extension SafeRenderingTests {
    func testCitationsOfUnknownReferencesAreErrorsWhenTheReferencesAreKnown() {
        let (_, unknown) = MarkdownFragment.render("See [@hofman2018; @nobody].\n", file: "x.md", citable: ["hofman2018"])
        XCTAssertEqual(unknown.reasons, [.unknownCitation])
        let (_, known) = MarkdownFragment.render("See [@hofman2018].\n", file: "x.md", citable: ["hofman2018"])
        XCTAssertEqual(known, [])
    }
}

final class HTMLEscapingTests: XCTestCase {
    /// The fast escaping writes exactly what swift-mustache's own does.
    func testSameBytesAsTheLibrarysEscaping() throws {
        _ = FastHTMLContentType.registered
        let fast = try MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}{{value}}")
        let stock = try MustacheTemplate(string: "{{value}}")
        for value in ["plain", "<script>alert('x') & \"y\"</script>", "Café – 177Lu > 5", "", "&amp;", "emoji 🙂 <b>"] {
            XCTAssertEqual(fast.render(["value": value]), stock.render(["value": value]), value)
        }
        XCTAssertEqual(fast.render(["value": "<a href=\"x\">"]), "&lt;a href=&quot;x&quot;&gt;")
    }
}
