import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
@testable import SiteWrite

/// A build after edits to page bodies alone makes those pages from the last
/// build's files (`BodyEdit`), without loading the rest of the site. Whatever
/// the edit, the output must be the clean build's, byte for byte; an edit it
/// cannot make so goes to the full steps, which report what is wrong.
final class BodyEditTests: XCTestCase {
    /// Builds incrementally, then compares with a clean build; true when the build made the edited pages alone.
    @discardableResult
    private func build(_ workspace: Workspace, _ templates: URL, _ step: String, steps: [BuildStep] = BuildStep.standard(check: false),
                       file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output), steps: steps).build()
        let clean = workspace.folder.appendingPathComponent("clean-\(UUID().uuidString)")
        let expected = try SiteBuilder(options: options(workspace, templates, output: clean, incremental: false), steps: steps).build()
        let (built, wanted) = (try snapshot(workspace.output), try snapshot(clean))
        XCTAssertEqual(Set(built.keys), Set(wanted.keys), step, file: file, line: line)
        for (path, data) in wanted where built[path] != data {
            XCTFail("\(step): \(path) differs from the clean build's", file: file, line: line)
        }
        XCTAssertEqual(report.warnings.map(\.description), expected.warnings.map(\.description), step, file: file, line: line)
        XCTAssertEqual(report.pages, expected.pages, step, file: file, line: line)
        XCTAssertEqual(report.files, expected.files, step, file: file, line: line)
        try FileManager.default.removeItem(at: clean)
        return !report.stages.contains { $0.stage == .load }
    }

    /// The errors of a build with this test's options that must fail.
    private func failingBuild(_ workspace: Workspace, _ templates: URL, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        do {
            _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
            XCTFail("the build succeeded", file: file, line: line)
        } catch {
            XCTAssertNotNil(error as? BuildFailure, "\(error)", file: file, line: line)
            return (error as? BuildFailure)?.errors ?? []
        }
        return []
    }

    private func append(_ workspace: Workspace, _ path: String, _ text: String) throws {
        let url = workspace.content.appendingPathComponent(path)
        try Data((try String(contentsOf: url, encoding: .utf8) + text).utf8).write(to: url)
    }

    func testBodyEditsAreMadeFromTheLastBuildsPages() throws {
        let (workspace, templates) = try realSite()
        let first = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        XCTAssertTrue(try build(workspace, templates, "one body edited"))
        XCTAssertTrue(try workspace.read("evidence/index.html").contains("Most of all the evidence"))
        // The next edit starts from the cache the last one wrote.
        try append(workspace, "evidence.md", "\nOne more paragraph, with *emphasis*.\n")
        XCTAssertTrue(try build(workspace, templates, "the same page edited again"))
        try append(workspace, "funding.md", "\nAsk us about funding at any time.\n")
        try append(workspace, "centres/oxford.md", "\nThe centre is near the ring road.\n")
        XCTAssertTrue(try build(workspace, templates, "two pages edited"))
        // Lines moved: a paragraph put before the page's links and citations.
        let evidence = workspace.content.appendingPathComponent("evidence.md")
        let text = try String(contentsOf: evidence, encoding: .utf8)
        let body = try XCTUnwrap(text.range(of: "\n---\n"))
        try Data(text.replacingCharacters(in: body, with: "\n---\n\nA first paragraph, put above the rest.\n").utf8).write(to: evidence)
        XCTAssertTrue(try build(workspace, templates, "a paragraph put first"))
        let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        XCTAssertTrue(report.upToDate)
        XCTAssertEqual(report.pages, first.pages)
    }

    /// Files written just before a full build (a checkout, a copy) are too recent for
    /// its stamps to tell an edit in the same moment, and files touched since have new
    /// stamps on the same bytes: each later build read them again. An up-to-date build
    /// or a body edit that reads many such files writes the stamps file whole, with its
    /// own time; one that reads a few leaves it, or appends, as before.
    func testFilesReadAgainUnchangedAreStampedAnewWhenMany() throws {
        let (workspace, templates) = try realSite()
        let stampsFile = OutputLocation(workspace.output.path).cache.appendingPathComponent("inputs.tsv")
        func stamps() throws -> (InputStamps, lines: Int, data: Data) {
            let data = try Data(contentsOf: stampsFile)
            return (try XCTUnwrap(InputStamps.decode(data)), TabSeparated.lineCount(data), data)
        }
        func upToDate() throws -> Bool { try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build().upToDate }
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let (first, firstLines, _) = try stamps()
        XCTAssertGreaterThan(first.records.count, 16)
        XCTAssertEqual(firstLines, first.records.count + 1)
        // The copy was written just before that build: no file is trusted by its stamp.
        XCTAssertEqual(first.records.keys.filter { first.hashes($0, stamp: FileStamp(path: workspace.content.appendingPathComponent($0).path)) != nil }, [])

        XCTAssertTrue(try upToDate())
        let (second, secondLines, _) = try stamps()
        XCTAssertGreaterThan(second.readAt, first.readAt)
        XCTAssertEqual(second.records, first.records)
        XCTAssertEqual(secondLines, firstLines)

        // A body edit of a site whose files are all still recent: whole, not appended.
        try append(workspace, "funding.md", "\nAsk us about funding at any time.\n")
        XCTAssertTrue(try build(workspace, templates, "a body edited, the files recent"))
        let (third, thirdLines, _) = try stamps()
        XCTAssertGreaterThan(third.readAt, second.readAt)
        XCTAssertEqual(thirdLines, third.records.count + 1)
        XCTAssertNotEqual(third.records["funding.md"], second.records["funding.md"])

        // The others old enough to trust (as if the stamps were taken an hour later): the edited page's record appended.
        var aged = third
        aged.readAt += 3_600_000_000_000
        try aged.encoded().write(to: stampsFile)
        try append(workspace, "funding.md", "\nOr write to us.\n")
        XCTAssertTrue(try build(workspace, templates, "a body edited, the others trusted"))
        let (fourth, fourthLines, fourthData) = try stamps()
        XCTAssertEqual(fourth.readAt, aged.readAt)
        XCTAssertEqual(fourthLines, aged.records.count + 2)

        // One file touched, its bytes the same: read again, not worth the whole file.
        let hourAgo = Date(timeIntervalSinceNow: -3_600)
        let evidence = workspace.content.appendingPathComponent("evidence.md")
        try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: evidence.path)
        XCTAssertTrue(try upToDate())
        XCTAssertEqual(try stamps().data, fourthData)
        // Every file touched: the stamps file written whole, with their new stamps.
        for path in fourth.records.keys {
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: workspace.content.appendingPathComponent(path).path)
        }
        XCTAssertTrue(try upToDate())
        let (fifth, fifthLines, _) = try stamps()
        XCTAssertEqual(fifthLines, fifth.records.count + 1)
        XCTAssertEqual(fifth.records.keys.filter { fifth.hashes($0, stamp: FileStamp(path: workspace.content.appendingPathComponent($0).path)) == nil }, [])
        XCTAssertTrue(try upToDate())
    }

    /// With `--compress`: the edited page's compressed copies made again and put
    /// in place with it, the others' left; every copy stamped, so the next build is up to date.
    func testABodyEditWithCompressionGivesTheCleanBuildsFiles() throws {
        let (workspace, templates) = try realSite()
        let steps = BuildStep.standard(check: false, compress: true)
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output), steps: steps).build()
        XCTAssertTrue(try SiteBuilder(options: options(workspace, templates, output: workspace.output), steps: steps).build().upToDate)
        let before = try inodes(workspace.output)
        try append(workspace, "funding.md", "\nAsk us about funding at any time.\n")
        XCTAssertTrue(try build(workspace, templates, "a body edited, compressed", steps: steps))
        XCTAssertNotNil(try snapshot(workspace.output)["funding/index.html.br"])
        XCTAssertEqual(try inodes(workspace.output).filter { before[$0.key] != $0.value }.keys.sorted(),
                       ["funding/index.html", "funding/index.html.br", "funding/index.html.gz"])
        let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output), steps: steps).build()
        XCTAssertTrue(report.upToDate)
    }

    /// Each file's inode below `folder`, by path.
    private func inodes(_ folder: URL) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for path in try FileTree.files(in: folder) { result[path] = inode(folder.appendingPathComponent(path)) }
        return result
    }

    /// An edit of a body replaces that page's file where it stands: the output
    /// folder and every other file stay the same inodes, no spare or staging
    /// folder is left beside it, and the manifest and cache describe the result.
    func testABodyEditReplacesItsPageInPlace() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let (before, folder) = (try inodes(workspace.output), try XCTUnwrap(inode(workspace.output)))
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        XCTAssertTrue(try build(workspace, templates, "one body edited"))
        XCTAssertEqual(inode(workspace.output), folder)
        let after = try inodes(workspace.output)
        XCTAssertEqual(Set(after.keys), Set(before.keys))
        XCTAssertEqual(after.filter { before[$0.key] != $0.value }.keys.sorted(), ["evidence/index.html"])
        let beside = try FileManager.default.contentsOfDirectory(atPath: workspace.output.deletingLastPathComponent().path)
        XCTAssertEqual(beside.filter { $0.hasPrefix(".public.") }.sorted(), [".public.cache", ".public.manifest.tsv"])
        XCTAssertTrue(try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build().upToDate)
    }

    /// The output folder not as the last build wrote it: the edit takes the full
    /// steps, which write a page deleted there again and refuse a file added there.
    func testABodyEditOfAnOutputChangedByHandTakesTheFullSteps() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("funding/index.html"))
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        XCTAssertFalse(try build(workspace, templates, "a page deleted from the output by hand"))
        let added = workspace.output.appendingPathComponent("funding/notes.txt")
        try Data("mine".utf8).write(to: added)
        let before = try snapshot(workspace.output)
        try workspace.edit("evidence.md", replacing: "Most of all the evidence", with: "Most of the evidence")
        XCTAssertEqual(failingBuild(workspace, templates).map(\.reason), [.outputRefused])
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testEditsThatChangeWhatOthersSeeTakeTheFullSteps() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let edits: [(String, () throws -> Void)] = [
            ("a heading added", { try self.append(workspace, "funding.md", "\n## Added heading\n\nText.\n") }),
            ("a link to a page it did not link to", { try self.append(workspace, "funding.md", "\nSee [the evidence](evidence.md).\n") }),
            ("a citation added", { try self.append(workspace, "funding.md", "\nThe trial [@hofman2018] found benefit.\n") }),
            ("the title changed", { try workspace.edit("funding.md", replacing: "\ntitle: ", with: "\ntitle: New ") }),
            ("a new page", {
                try workspace.write("added.md", "---\nkind: page\ntitle: Added\ndescription: Added.\nreviewed: 2026-11-20\nnext_review: 2027-11-20\nreviewed_by: The editor\n---\n\nText.\n")
                try self.append(workspace, "funding.md", "\nSee [the added page](added.md).\n")
            }),
            ("a template changed", {
                let footer = templates.appendingPathComponent("partials/footer.mustache")
                let html = try String(contentsOf: footer, encoding: .utf8)
                try Data(html.replacingOccurrences(of: "</footer>", with: "<!-- x --></footer>").utf8).write(to: footer)
                try self.append(workspace, "funding.md", "\nText with the template.\n")
            }),
        ]
        for (name, edit) in edits {
            try edit()
            XCTAssertFalse(try build(workspace, templates, name), name)
        }
        // A build that checks its output reads the whole site.
        try append(workspace, "funding.md", "\nChecked text.\n")
        XCTAssertFalse(try build(workspace, templates, "with the check step", steps: BuildStep.standard(check: true)))
    }

    func testAnEditorialFindingInTheEditedBodyIsReported() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        try append(workspace, "funding.md", "\nThe treatment is painless.\n")
        XCTAssertFalse(try build(workspace, templates, "a claim added"))
        let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        XCTAssertTrue(report.warnings.contains { $0.rule == .claim && $0.file.hasSuffix("funding.md") })
        // The page had a finding last time: its edit goes to the full steps, which drop the finding.
        try workspace.edit("funding.md", replacing: "\nThe treatment is painless.\n", with: "\nThe treatment is short.\n")
        XCTAssertFalse(try build(workspace, templates, "the claim removed"))
        // No finding now: the next edit is made alone.
        try append(workspace, "funding.md", "\nThe treatment takes a day.\n")
        XCTAssertTrue(try build(workspace, templates, "an edit after the claim went"))
    }

    /// Bad input in an edited body: the error a full build gives, on its line,
    /// and the output folder as the last build left it.
    func testBadInputInAnEditedBodyFailsAsAFullBuildDoes() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let before = try snapshot(workspace.output)
        let funding = workspace.content.appendingPathComponent("funding.md")
        let original = try Data(contentsOf: funding)
        let lines = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
        // The file ends in a line break: what is added starts on the line after its last.
        let cases: [(String, Data, Reason, Int?)] = [
            ("a placeholder", Data("\nCosts are FILL IN pounds.\n".utf8), .placeholder, lines + 1),
            ("raw HTML", Data("\n<div>boxed</div>\n".utf8), .rawHTML, lines + 1),
            ("a zero byte", Data([0x0A, 0x41, 0x00, 0x42, 0x0A]), .notUTF8, lines + 1),
            ("bytes that are not UTF-8", Data([0x0A, 0xC3, 0x28, 0x0A]), .notUTF8, nil),
            ("quotes nested too deep", Data(("\n" + String(repeating: "> ", count: 50) + "deep\n").utf8), .tooDeep, lines + 1),
            ("a table without a header row", Data("\n|---|---|\n| Scan | PET |\n".utf8), .tableWithoutHeader, lines + 1),
        ]
        for (name, added, reason, line) in cases {
            try (original + added).write(to: funding)
            let errors = failingBuild(workspace, templates)
            XCTAssertTrue(errors.contains { $0.reason == reason && $0.file.hasSuffix("funding.md") && (line == nil || $0.line == line) },
                          "\(name): \(errors.map(\.description))")
            XCTAssertEqual(try snapshot(workspace.output), before, name)
        }
        // A heading other pages link to, renamed: their links break, and they say so on their own lines.
        try original.write(to: funding)
        try workspace.edit("funding.md", replacing: "## Treatment on the NHS", with: "## NHS treatment")
        let errors = failingBuild(workspace, templates)
        XCTAssertTrue(errors.contains { $0.reason == .brokenAnchor && $0.file.hasSuffix("services/lutetium-octreotate.md") && $0.line == 29 },
                      "\(errors.map(\.description))")
        XCTAssertEqual(try snapshot(workspace.output), before, "a linked heading renamed")
    }

    /// The fragments' records are read from disk: whatever they hold, the build is right.
    func testBrokenFragmentRecordsOnlyMeanTheFullSteps() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let file = OutputLocation(workspace.output.path).cache.appendingPathComponent(BuildCache.fragmentsFile)
        let records = try String(contentsOf: file, encoding: .utf8)
        let line = try XCTUnwrap(records.split(separator: "\n").first { $0.hasPrefix("page\tfunding.md\t") })
        let fields = line.split(separator: "\t").map(String.init)
        func with(_ index: Int, _ value: String) -> String {
            var changed = fields
            changed[index] = value
            return records.replacingOccurrences(of: line, with: changed.joined(separator: "\t"))
        }
        let start = Int(fields[3])!, length = Int(fields[4])!
        let broken: [(String, String)] = [
            ("not records", "site-fragments 1\npage\tfunding.md\n"),
            ("another header", records.replacingOccurrences(of: "site-fragments 1", with: "site-fragments 9")),
            ("cut short", String(records.prefix(records.count / 2))),
            ("the fragment moved", with(3, String(start + 1))),
            ("the fragment longer", with(4, String(length + 7))),
            ("past the file's end", with(3, "99999999")),
            ("another hash", with(5, "0123456789abcdef")),
            ("another output file", with(2, "evidence/index.html")),
            ("a href changed", records.replacingOccurrences(of: "/\n", with: "x/\n")),
            ("another hash of the lines", with(7, "0123456789abcdef")),
            ("another hash of the file", with(6, "0123456789abcdef")),
            ("no records", ""),
        ]
        var round = 0
        for (name, text) in broken {
            round += 1
            try append(workspace, "funding.md", "\nParagraph \(round) for the broken records.\n")
            try Data(text.utf8).write(to: file)
            XCTAssertFalse(try build(workspace, templates, name), name)
            // The full build wrote whole records again: the next edit is made from them.
            try append(workspace, "funding.md", "\nParagraph \(round) after the broken records.\n")
            XCTAssertTrue(try build(workspace, templates, name + ", then whole again"), name)
        }
    }

    /// Appended records are read by every build: after as many as the site has
    /// files, the full steps write the cache's files whole, and edits are made alone again.
    func testAppendedRecordsAreWrittenWholeAgainAfterAsManyAsTheSiteHasFiles() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let cache = OutputLocation(workspace.output.path).cache
        func size(_ name: String) throws -> Int { try Data(contentsOf: cache.appendingPathComponent(name)).count }
        let whole = try (size(BuildCache.fragmentsFile), size(BuildCache.outlinesFile), size(BuildCache.stampsFile))
        let files = try FileTree.files(in: workspace.content).count
        var madeAlone = 0, edit = 0
        func editAndBuild() throws -> Bool {
            edit += 1
            try append(workspace, "funding.md", "\nParagraph \(edit), one more.\n")
            let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
            return !report.stages.contains { $0.stage == .load }
        }
        while madeAlone <= files, try editAndBuild() { madeAlone += 1 }
        XCTAssertEqual(madeAlone, files, "body edits made alone before the files were written whole")
        XCTAssertLessThan(try size(BuildCache.fragmentsFile), whole.0 + 2_000, "fragments.tsv")
        XCTAssertLessThan(try size(BuildCache.outlinesFile), whole.1 + 2_000, "outlines.tsv")
        XCTAssertLessThan(try size(BuildCache.stampsFile), whole.2 + 2_000, "inputs.tsv")
        XCTAssertTrue(try editAndBuild(), "the edit after the files were written whole")
        XCTAssertTrue(try build(workspace, templates, "after \(edit) edits"))
    }

    /// The count of appended records is read from the cache's summary: whatever it holds, no
    /// build fails or loses a file, and a count that is no count means the full steps.
    func testABrokenCountOfAppendedRecordsOnlyMeansTheFullSteps() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let file = OutputLocation(workspace.output.path).cache.appendingPathComponent(BuildCache.summaryFile)
        let counts: [(String, String, Bool)] = [
            ("the largest integer", "9223372036854775807", false), ("negative", "-5", false),
            ("past the integers", "1e30", false), ("a string", "\"3\"", false), ("null", "null", true),
        ]
        var round = 0
        for (name, count, madeAlone) in counts {
            round += 1
            try append(workspace, "funding.md", "\nParagraph \(round) for a broken count.\n")
            var summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            summary["appendedRecords"] = 0
            let text = try XCTUnwrap(String(data: JSONSerialization.data(withJSONObject: summary), encoding: .utf8))
            try Data(text.replacingOccurrences(of: "\"appendedRecords\":0", with: "\"appendedRecords\":\(count)").utf8).write(to: file)
            XCTAssertEqual(try build(workspace, templates, name), madeAlone, name)
            try append(workspace, "funding.md", "\nParagraph \(round) after a broken count.\n")
            XCTAssertTrue(try build(workspace, templates, name + ", then counted again"), name)
        }
    }

    /// Random edits to the bodies of random pages, one to three a build.
    func testRandomBodyEditsGiveTheCleanBuildsOutput() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        var generator = SeededGenerator(seed: 20261129)
        let pages = try FileTree.files(in: workspace.content).filter { $0.hasSuffix(".md") && !$0.hasPrefix("references/") }
        var madeAlone = 0
        for round in 0..<12 {
            for page in pages.shuffled(using: &generator).prefix(Int.random(in: 1...3, using: &generator)) {
                let url = workspace.content.appendingPathComponent(page)
                var text = try String(contentsOf: url, encoding: .utf8)
                let paragraphs = text.ranges(of: "\n\n").map(\.upperBound)
                let place = paragraphs.dropFirst(2).randomElement(using: &generator) ?? text.endIndex
                let added = ["A sentence added in round \(round).", "Some **strong** words and a list:\n\n- one\n- two",
                             "> A quote set apart in round \(round)."].randomElement(using: &generator)!
                text.insert(contentsOf: added + "\n\n", at: place)
                try Data(text.utf8).write(to: url)
            }
            if try build(workspace, templates, "round \(round)") { madeAlone += 1 }
        }
        XCTAssertGreaterThan(madeAlone, 6, "body edits went to the full steps")
    }

    func testAFragmentIsFoundOnlyWhereItStandsOnce() {
        let asked = AskedOfSite()
        _ = asked.href("a.md") { "../a/" }
        let page = Data("<main><p>Hello</p></main>".utf8)
        let fragment = PageFragment("<p>Hello</p>", in: page, asked: asked)
        XCTAssertEqual(fragment?.start, 6)
        XCTAssertEqual(fragment?.length, 12)
        XCTAssertEqual(fragment?.hrefs, ["a.md": "../a/"])
        XCTAssertEqual(fragment?.replacing(in: page, with: "<p>Bye</p>")?.file, Data("<main><p>Bye</p></main>".utf8))
        XCTAssertNil(fragment?.replacing(in: Data("<main><p>Jello</p></main>".utf8), with: "<p>Bye</p>"))
        XCTAssertNil(fragment?.replacing(in: Data("<main>".utf8), with: "<p>Bye</p>"))
        XCTAssertNil(PageFragment("<p>Hello</p>", in: Data("<p>Hello</p><p>Hello</p>".utf8), asked: asked))
        XCTAssertNil(PageFragment("<p>Hello</p>", in: Data("&lt;p&gt;Hello&lt;/p&gt;".utf8), asked: asked))
        XCTAssertNil(PageFragment("", in: page, asked: asked))
    }

    /// A page's render asks the site once for each destination, however many there are
    /// and however often each comes again (destinations of one length among them): every
    /// answer after the first is the first, and the fragment keeps each destination's.
    func testEachDestinationIsAskedOfTheSiteOnce() {
        var generator = SeededGenerator(seed: 20261201)
        for distinct in [1, FirstUses<String>.few - 1, FirstUses<String>.few, FirstUses<String>.few + 1, 40, 300] {
            let destinations = (0..<distinct).map { "p\($0 % 10)\(String(repeating: "x", count: $0 / 10)).md#\($0)" }
            let asked = AskedOfSite()
            var answers: [String: String] = [:]
            var questions = 0
            for _ in 0..<(distinct * 3) {
                let destination = destinations.randomElement(using: &generator)!
                let href = asked.href(destination) {
                    questions += 1
                    return "../\(destination)/\(questions)"
                }
                if answers[destination] == nil { answers[destination] = href }
                XCTAssertEqual(href, answers[destination], "\(distinct) destinations: \(destination)")
            }
            XCTAssertEqual(questions, answers.count, "\(distinct) destinations")
            XCTAssertEqual(asked.hrefs, answers, "\(distinct) destinations")
        }
    }

    /// A page of many links (a page may hold thousands): each link once in its facts, in order
    /// of first use, and every href read back, those of the links and the others alike.
    func testTheRecordsOfManyLinksReadAsWritten() throws {
        var generator = SeededGenerator(seed: 20261130)
        for distinct in [0, 1, FirstUses<String>.few - 1, FirstUses<String>.few, FirstUses<String>.few + 1, 40, 300] {
            var outline = MarkdownOutline(), hrefs: [String: String] = [:], images: [String: ImageSize?] = [:]
            for line in 0..<(distinct * 3) {
                let number = Int.random(in: 0..<max(distinct, 1), using: &generator)
                // Some destinations both an image and a link.
                let isImage = number % 5 == 0 && Bool.random(using: &generator)
                // Some an image's and a link's alike.
                let destination = "page-\(number).md" + (isImage || number % 3 == 0 ? "" : "#part")
                outline.links.append(.init(destination: destination, line: line, isImage: isImage))
                // A render asks an image's href too.
                hrefs[destination] = "../page-\(number)/" + (destination.hasSuffix("#part") ? "#part" : "")
                if isImage { images[destination] = ImageSize(width: number + 1, height: 2) }
            }
            // Hrefs of no link of the outline (asked by the page's other parts).
            for number in 0..<(distinct / 2) { hrefs["tel:+44\(number)"] = "tel:+44\(number)" }
            let facts = FragmentRecords.Facts(outline)
            var seen: Set<FragmentRecords.Facts.Link> = []
            let expected = outline.links.map { FragmentRecords.Facts.Link(destination: $0.destination, isImage: $0.isImage) }.filter { seen.insert($0).inserted }
            XCTAssertEqual(facts.links, expected, "\(distinct)")
            // The answers as a render asks them (the links' order, others among them), and in no order.
            var asked: [PageFragment.Answer] = []
            for link in facts.links where !asked.contains(where: { $0.destination == link.destination }) {
                if Bool.random(using: &generator), let other = hrefs.keys.filter({ $0.hasPrefix("tel:") && !asked.map(\.destination).contains($0) }).min() {
                    asked.append(.init(destination: other, href: hrefs[other]!))
                }
                asked.append(.init(destination: link.destination, href: hrefs[link.destination]!))
            }
            asked += hrefs.filter { entry in !asked.contains { $0.destination == entry.key } }.map(PageFragment.Answer.init).sorted { $0.destination < $1.destination }
            for answers in [asked, asked.shuffled(using: &generator)] {
                let fragment = PageFragment(start: 1, length: 2, hash: 3, answers: answers, images: images)
                XCTAssertEqual(fragment.hrefs, hrefs, "\(distinct)")
                let records = try XCTUnwrap(FragmentRecords.encode(contentPath: "p.md", outputFile: "p/index.html", fileHash: "00000000000000aa", fragment, facts: facts))
                let decoded = try XCTUnwrap(FragmentRecords.decode(records), "\(distinct)")
                XCTAssertEqual(decoded.fragment.hrefs, hrefs, "\(distinct)")
                // Each href on its links' lines, or once on a line of its own.
                let lines = String(decoding: records, as: UTF8.self).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
                XCTAssertEqual(lines.filter { $0[0] == "link" && $0.count == 4 }.map { String($0[2]) }, facts.links.map(\.destination), "\(distinct)")
                let linked = Set(facts.links.map(\.destination))
                XCTAssertEqual(lines.filter { $0[0] == "href" }.map { String($0[1]) }.sorted(), hrefs.keys.filter { !linked.contains($0) }.sorted(), "\(distinct)")
                XCTAssertEqual(decoded.fragment, fragment, "\(distinct)")
                XCTAssertEqual(decoded.facts, facts, "\(distinct)")
            }
        }
    }

    /// The usual page: its render asked each link's href in the links' order, then one
    /// no link has (the records read the two side by side, with no table).
    func testTheRecordsOfLinksAskedInTheirOrder() throws {
        var outline = MarkdownOutline()
        outline.links = [.init(destination: "a.md", line: 1, isImage: false), .init(destination: "i.png", line: 2, isImage: true),
                         .init(destination: "a.md", line: 3, isImage: false), .init(destination: "b.md#x", line: 4, isImage: false)]
        let answers: [PageFragment.Answer] = [.init(destination: "a.md", href: "../a/"), .init(destination: "i.png", href: "../i.png"),
                                              .init(destination: "b.md#x", href: "../b/#x"), .init(destination: "tel:+44", href: "tel:+44")]
        let fragment = PageFragment(start: 1, length: 2, hash: 3, answers: answers, images: ["i.png": ImageSize(width: 3, height: 4)])
        let facts = FragmentRecords.Facts(outline)
        let records = try XCTUnwrap(FragmentRecords.encode(contentPath: "p.md", outputFile: "p/index.html", fileHash: "00000000000000aa", fragment, facts: facts))
        let lines = String(decoding: records, as: UTF8.self).split(separator: "\n").dropFirst(2)
        XCTAssertEqual(Array(lines), ["link\t0\ta.md\t../a/", "link\t1\ti.png\t../i.png", "link\t0\tb.md#x\t../b/#x", "href\ttel:+44\ttel:+44", "image\ti.png\t3\t4"])
        XCTAssertEqual(FragmentRecords.decode(records)?.fragment, fragment)
    }

    func testFragmentRecordsReadAsWritten() throws {
        let fragment = PageFragment(start: 10, length: 20, hash: 0xABCDEF, hrefs: ["a.md#x": "../a/#x", "tel:+44": "tel:+44"],
                                    images: ["i.png": ImageSize(width: 3, height: 4), "j.svg": nil])
        var outline = MarkdownOutline()
        outline.headingIDs = ["one", "two"]
        outline.links = [.init(destination: "a.md#x", line: 3, isImage: false), .init(destination: "i.png", line: 4, isImage: true)]
        outline.citations = [.init(keys: ["b", "a"], line: 5), .init(keys: ["a"], line: 6)]
        let facts = FragmentRecords.Facts(outline)
        let records = try XCTUnwrap(FragmentRecords.encode(contentPath: "p.md", outputFile: "p/index.html", fileHash: "00000000000000aa", fragment, facts: facts))
        let decoded = try XCTUnwrap(FragmentRecords.decode(records))
        XCTAssertEqual(decoded.outputFile, "p/index.html")
        XCTAssertEqual(decoded.fileHash, "00000000000000aa")
        XCTAssertEqual(decoded.fragment, fragment)
        XCTAssertEqual(decoded.facts, facts)
        XCTAssertEqual(decoded.facts.citations, FragmentRecords.Facts.hash(["b", "a"]))
        XCTAssertNotEqual(decoded.facts.citations, FragmentRecords.Facts.hash(["a", "b"]))
        XCTAssertNil(FragmentRecords.encode(contentPath: "p.md", outputFile: "p/index.html", fileHash: "00000000000000aa",
                                            PageFragment(start: 0, length: 1, hash: 0, hrefs: ["a\tb": "x"], images: [:]), facts: facts))
        // A record changed or cut is none.
        XCTAssertNil(FragmentRecords.decode(Data(String(decoding: records, as: UTF8.self).replacingOccurrences(of: "../a/#x", with: "../b/#x").utf8)))
        XCTAssertNil(FragmentRecords.decode(records.dropLast(9)))
        // A file's last records stand for it.
        let other = try XCTUnwrap(FragmentRecords.encode(contentPath: "q.md", outputFile: "q/index.html", fileHash: "00000000000000bb",
                                                         PageFragment(start: 1, length: 2, hash: 1, hrefs: [:], images: [:]), facts: FragmentRecords.Facts()))
        let later = try XCTUnwrap(FragmentRecords.encode(contentPath: "p.md", outputFile: "p/index.html", fileHash: "00000000000000cc",
                                                         fragment, facts: FragmentRecords.Facts()))
        let data = Data(FragmentRecords.header.utf8) + records + other + later
        let index = FragmentRecords.index(data)
        XCTAssertEqual(Set(index.records.keys), ["p.md", "q.md"])
        XCTAssertEqual(index.record(of: "p.md"), later)
        XCTAssertEqual(FragmentRecords.record(of: "p.md", in: data), later)
        XCTAssertEqual(FragmentRecords.record(of: "q.md", in: data), other)
        XCTAssertNil(FragmentRecords.record(of: "p.md", in: records))
        XCTAssertNil(FragmentRecords.decode(Data("page\tp.md\tp/index.html\tten\t20\t0000000000abcdef\t00000000000000aa\t0123456789abcdef\n".utf8)))
        XCTAssertNil(FragmentRecords.decode(Data("href\ta\tb\n".utf8)))
        XCTAssertNil(FragmentRecords.decode(records + Data("link\t2\tx\n".utf8)))
        // A record as `encode` writes it but for its facts: none.
        let noFacts = Data("href\ta\tb\n".utf8)
        var lines = ContentHash()
        noFacts.withUnsafeBytes { lines.add($0) }
        XCTAssertNil(FragmentRecords.decode(Data("page\tp.md\tp/index.html\t1\t2\t0000000000000001\t00000000000000aa\t\(lines.hex)\n".utf8) + noFacts))
        XCTAssertNotNil(FragmentRecords.decode(Data("page\tp.md\tp/index.html\t1\t2\t0000000000000001\t00000000000000aa\t\(ContentHash.of(Data("facts\t0000000000000000\t0000000000000000\n".utf8)).hex)\nfacts\t0000000000000000\t0000000000000000\n".utf8)))
        XCTAssertEqual(FragmentRecords.decode(later)?.fileHash, "00000000000000cc")
    }
}
