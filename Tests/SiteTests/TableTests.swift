import XCTest
@testable import SiteMarkdown
@testable import SiteModel

/// GitHub-style pipe tables: a header row, an alignment row, body rows.
final class TableTests: EditorMarkdownTestCase {
    func testRowsOfASCIIAreSplitAsCharactersWouldBe() {
        let rows = ["| a | b |", "|a|b", "a|b|", "| `a \\| b` | c |", "\\\\|x", "|\\|", "| |", "|", "||", "a \\\\\\| b", " | x | \t|"]
        // Drawn rows of the bytes the splitting and trimming tell apart, whitespace that is no space among them.
        let alphabet = Array("ab |\\\t:-\u{0B}\u{0C}\u{1C}")
        var generator = SystemRandomNumberGenerator()
        let drawn = (0..<3000).map { _ in String((0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for row in rows + drawn {
            XCTAssertEqual(MarkdownTable.asciiCells(Substring(row)), MarkdownTable.characterCells(Substring(row)), row)
        }
    }

    /// A paragraph read on its bytes reads as its lines read as text: drawn paragraphs of table rows,
    /// alignment rows in and out of place, escapes, and lines with bytes beyond ASCII or a carriage
    /// return (which only the text's reading takes).
    func testATableReadOnItsBytesIsTheTableReadAsText() {
        let pieces = ["|", "|", "-", "--", ":", " ", "\t", "a", "b c", "\\|", "é", "\r"]
        let shapes = ["| a | b |", "|---|:-:|", "|:--|--:|", "a | b", "--|--", "| x |", "", "| a | b | c |", " |:-: | -- | ", "|---|"]
        var generator = SeededGenerator(seed: 20261130)
        var kinds: [String: Int] = [:]
        for _ in 0..<4000 {
            var lines = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                Bool.random(using: &generator) ? shapes.randomElement(using: &generator)!
                    : (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            // A third of them under a header and an alignment row of two columns.
            if Int.random(in: 0..<3, using: &generator) == 0 { lines = ["| h | i |", ["|--|--|", "|:-|-:|", " | :-: | --- "].randomElement(using: &generator)!] + lines }
            let text = lines.joined(separator: "\n")
            var ranges: [Range<Int>] = []
            for line in lines { ranges.append((ranges.last.map { $0.upperBound + 1 } ?? 0)..<((ranges.last.map { $0.upperBound + 1 } ?? 0) + line.utf8.count)) }
            let utf8 = text.utf8
            let substrings = ranges.map { Substring(utf8[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)]) }
            var copy = text
            let onBytes = copy.withUTF8 { MarkdownTable.read($0, lines: ranges) }
            let asText = MarkdownTable.read(ArraySlice(substrings))
            XCTAssertEqual(onBytes == nil, lines.contains { $0.utf8.contains { $0 >= 0x80 || $0 == 0x0D } }, text.debugDescription)
            guard let onBytes else { continue }
            XCTAssertEqual(String(describing: onBytes), String(describing: asText), text.debugDescription)
            kinds[String(String(describing: onBytes).prefix(while: { $0 != "(" })), default: 0] += 1
        }
        // Each way a paragraph reads was drawn often.
        XCTAssertEqual(Set(kinds.keys), ["notATable", "table", "problem"], "\(kinds)")
        XCTAssertGreaterThan(kinds.values.min() ?? 0, 200, "\(kinds)")
    }

    /// A cell taken as words only must be what cmark makes of it, and what it
    /// turns away includes everything cmark or smart punctuation would change.
    func testCellsOfWordsOnlyAreTheirOwnHTML() {
        let alphabet = Array("aZ 09.,-;:?()/%'\"*_`[]<>&!#+=~\\|@é\t")
        var generator = SystemRandomNumberGenerator()
        var plain = 0
        let shapes = ["Most people go home on the same day.", "Follow-up at 6 weeks (by phone)", "A -- B", "Wait...", "1. Step", "e.g. this",
                      "x - y", "Yes", "Don't", "50% or more: ask", "a/b; c?"] + (0..<3000).map { _ in
            String((0..<Int.random(in: 1...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for cell in shapes where MarkdownTable.isPlainText(cell) {
            plain += 1
            let document = MarkdownTable.cellDocument(cell, line: 1)
            XCTAssertEqual(RenderPass.inner(document.html()), cell, cell)
            XCTAssertEqual(MarkdownText.read(document).blocks.map(\.text), [cell], cell)
        }
        XCTAssertGreaterThan(plain, 20)
        XCTAssertFalse(["A -- B", "Wait...", "1. Step", "Don't", "", " a", "a<b", "a & b"].contains(where: MarkdownTable.isPlainText))
    }

    /// A cell's HTML without its paragraph, cut by indices, is what dropping characters from
    /// both ends made of it: drawn strings of the tags' characters, line breaks and marks that join.
    func testACellsInnerHTMLIsItsParagraphsInside() {
        func dropped(_ html: String) -> String {
            let trimmed = html.hasSuffix("\n") ? html.dropLast() : html[...]
            guard trimmed.hasPrefix("<p>"), trimmed.hasSuffix("</p>") else { return String(trimmed) }
            return String(trimmed.dropFirst(3).dropLast(4))
        }
        let pieces = ["<p>", "</p>", "\n", "\r\n", "\r", "x", "é", "\u{301}", "<", "/", "p", ">", "🧪", " "]
        var generator = SystemRandomNumberGenerator()
        let drawn = (0..<5000).map { _ in (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        for html in ["<p></p>\n", "<p>a</p>\n", "<p>a</p>", "<p>a</p>\r\n", "<p>a</p>\u{301}\n", "\n", ""] + drawn {
            XCTAssertEqual(RenderPass.inner(html), dropped(html), html.debugDescription)
        }
    }

    func testPipeTableIsATableWithItsHeaderAlignmentAndInlineMarkdown() throws {
        let html = try builtGuide("""
            ## Doses at a glance

            | Step | Where | Cost |
            |:--|:-:|--:|
            | *Scan* | [Oxford](centres/oxford.md) | none [@hofman2018] |
            | Treatment | `a \\| b` |
            """)
        XCTAssertTrue(html.contains("""
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="doses-at-a-glance">
            <table>
            <thead>
            <tr>
            <th scope="col" class="align-left">Step</th>
            <th scope="col" class="align-center">Where</th>
            <th scope="col" class="align-right">Cost</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td class="align-left"><em>Scan</em></td>
            <td class="align-center"><a href="../centres/oxford/">Oxford</a></td>
            <td class="align-right">none <sup class="citation">[<a href="#ref-1" id="cite-1">1</a>]</sup></td>
            </tr>
            <tr>
            <td class="align-left">Treatment</td>
            <td class="align-center"><code>a | b</code></td>
            <td class="align-right"></td>
            </tr>
            </tbody>
            </table>
            </div>
            """), html)
        XCTAssertTrue(html.contains(#"<li id="ref-1">"#), "the citation in a cell makes the reference list")
    }

    func testCitationsInCellsAreNumberedInReadingOrder() throws {
        let html = try builtGuide("""
            First [@strosberg2017].

            | Trial | Reference |
            |---|---|
            | LuPSMA | [@hofman2018] |
            | NETTER-1 | [@strosberg2017] |

            Then [@hofman2018].
            """)
        XCTAssertTrue(html.contains(##"<td><sup class="citation">[<a href="#ref-2" id="cite-2">2</a>]</sup></td>"##), html)
        XCTAssertTrue(html.contains(##"<td><sup class="citation">[<a href="#ref-1" id="cite-1-2">1</a>]</sup></td>"##), html)
        XCTAssertTrue(html.contains(##"Then <sup class="citation">[<a href="#ref-2" id="cite-2-2">2</a>]</sup>"##), html)
    }

    func testCellsAreInlineContentOnly() throws {
        let html = try builtGuide("""
            | Step | Note |
            |---|---|
            | 1. Assessment | - first |
            | # Scan | > quoted |
            """)
        XCTAssertTrue(html.contains("<td>1. Assessment</td>\n<td>- first</td>"), html)
        XCTAssertTrue(html.contains("<td># Scan</td>\n<td>&gt; quoted</td>"), html)
        XCTAssertFalse(html.contains("<ol") || html.contains("<ul>") || html.contains("<h1>Scan"), html)
    }

    func testATableWithoutSectionIsNamedTable() throws {
        let html = try builtGuide("| A |\n|---|\n| 1 |\n")
        XCTAssertTrue(html.contains(#"<div class="table-scroll" role="region" tabindex="0" aria-label="Table">"#), html)
    }

    func testPipesInProseListsAndCodeAreNotTables() throws {
        let html = try builtGuide("""
            Press A | B to switch.

            - | not | a table |

            ```
            | a | b |
            |---|---|
            ```
            """)
        XCTAssertFalse(html.contains("<table"), html)
        XCTAssertTrue(html.contains("Press A | B to switch."), html)
    }

    func testBrokenLinkInACellIsReportedOnItsRow() throws {
        try assertGuideFails("| Page |\n|---|\n| [gone](nowhere.md) |\n", .brokenLink, bodyLine: 3)
    }

    func testRawHTMLInACellIsRefused() throws {
        try assertGuideFails("| Page |\n|---|\n| <b>bold</b> |\n", .rawHTML, bodyLine: 3)
    }

    func testRowsWithPipesButNoAlignmentRowHaveNoHeader() throws {
        let error = try assertGuideFails("Intro.\n\n| Scan | PET |\n| Treatment | injection |\n", .tableWithoutHeader, bodyLine: 3)
        XCTAssertTrue(error?.message.contains("|---|---|") == true, "\(String(describing: error))")
    }

    func testAlignmentRowFirstMeansNoHeader() throws {
        try assertGuideFails("|---|---|\n| Scan | PET |\n", .tableWithoutHeader, bodyLine: 1)
    }

    func testAlignmentRowBelowTheSecondLineIsAnError() throws {
        // Text straight above the table joins its paragraph: the header is no longer first.
        try assertGuideFails("Our steps:\n| Step | What |\n|---|---|\n| Scan | PET |\n", .tableWithoutHeader, bodyLine: 3)
    }

    func testAlignmentRowMustMatchTheHeader() throws {
        try assertGuideFails("| Step | What |\n|---|\n| Scan | PET |\n", .tableColumns, bodyLine: 2)
    }

    func testARowWiderThanTheHeaderWouldLoseACell() throws {
        try assertGuideFails("| Step | What |\n|---|---|\n| Scan | PET | extra |\n", .tableColumns, bodyLine: 3)
    }
}
