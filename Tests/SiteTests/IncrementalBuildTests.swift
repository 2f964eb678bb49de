import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteValidate
@testable import SiteWrite

/// A build into a folder an earlier build wrote takes the pages whose inputs
/// did not change from it. Whatever the edits, the result must be the clean
/// build's, byte for byte.
final class IncrementalBuildTests: XCTestCase {
    /// Every file below `folder` by path, with its bytes.
    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try FileTree.files(in: folder) {
            result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return result
    }

    private func assertSameAsCleanBuild(_ workspace: Workspace, _ templates: URL, _ step: String,
                                        file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let clean = workspace.folder.appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(options: options(workspace, templates, output: clean, incremental: false)).build()
        let (built, expected) = (try files(workspace.output), try files(clean))
        XCTAssertEqual(Set(built.keys), Set(expected.keys), step, file: file, line: line)
        for (path, data) in expected where built[path] != data {
            XCTFail("\(step): \(path) differs from the clean build's", file: file, line: line)
        }
        return report
    }

    /// Every content file last changed an hour ago: the next build takes each by its stamp and does not read it.
    private func backdate(_ workspace: Workspace) throws {
        let hourAgo = Date().addingTimeInterval(-3600)
        for path in try FileTree.files(in: workspace.content) {
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: workspace.content.appendingPathComponent(path).path)
        }
    }

    /// The files the edits leave alone are taken by their stamps, unread (their
    /// bodies read only for the pages rendered again); those edited are read.
    func testRandomEditsGiveTheCleanBuildsOutput() throws {
        let (workspace, templates) = try realSite()
        try backdate(workspace)
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        var generator = SeededGenerator(seed: 20261128)
        let pages = try FileTree.files(in: workspace.content).filter { $0.hasSuffix(".md") && !$0.hasPrefix("references/") }
        var reusedAny = false
        for round in 0..<14 {
            let page = pages.randomElement(using: &generator)!
            let url = workspace.content.appendingPathComponent(page)
            var text = try String(contentsOf: url, encoding: .utf8)
            let edit: String
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:
                edit = "a paragraph added to \(page)"
                text += "\nA sentence added in round \(round).\n"
            case 1:
                edit = "a heading added to \(page)"
                text += "\n## Added in round \(round)\n\nShort text.\n"
            case 2:
                // What other pages show of this one: its title in lists, its name in the navigation, a centre's name.
                edit = "the title and names of \(page) changed"
                for field in ["title", "nav_title", "name"] {
                    text = text.replacingOccurrences(of: "\n\(field): ", with: "\n\(field): Round \(round) ", options: [], range: text.range(of: "\n\(field): "))
                }
            case 3:
                edit = "a template changed"
                let footer = templates.appendingPathComponent("partials/footer.mustache")
                let html = try String(contentsOf: footer, encoding: .utf8)
                try Data(html.replacingOccurrences(of: "</footer>", with: "<!-- \(round) --></footer>").utf8).write(to: footer)
            case 4:
                edit = "site.yaml changed"
                let settings = workspace.content.appendingPathComponent("site.yaml")
                let yaml = try String(contentsOf: settings, encoding: .utf8)
                XCTAssertTrue(yaml.hasPrefix("title: "))
                try Data(yaml.replacingOccurrences(of: "title: ", with: "title: \(round) ", options: .anchored).utf8).write(to: settings)
            default:
                edit = "a new page linked from \(page)"
                try workspace.write("added-\(round).md", """
                    ---
                    kind: page
                    title: Added page \(round)
                    description: A page added by an edit.
                    reviewed: 2026-11-20
                    next_review: 2027-11-20
                    reviewed_by: The editor
                    ---

                    Short text.

                    """)
                text += "\n[Added page](\(String(repeating: "../", count: page.split(separator: "/").count - 1))added-\(round).md)\n"
            }
            try Data(text.utf8).write(to: url)
            let report = try assertSameAsCleanBuild(workspace, templates, "round \(round), \(edit)")
            reusedAny = reusedAny || report.reusedPages > 0
        }
        XCTAssertTrue(reusedAny, "no build took any page from the one before: the cache is never used")
    }

    func testABodyEditRendersThatPageAlone() throws {
        let (workspace, templates) = try realSite()
        let first = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        let report = try assertSameAsCleanBuild(workspace, templates, "body edit")
        XCTAssertEqual(report.reusedPages, first.pages - 1)
        XCTAssertTrue(try workspace.read("evidence/index.html").contains("Most of all the evidence"))
    }

    /// The site's files that are not pages are taken from the last build too when
    /// their bytes are the same (linked: the same inode), and written when not.
    func testOtherFilesWithTheSameBytesAreTakenFromTheLastBuild() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let written = try XCTUnwrap(OutputLocation(workspace.output.path).readManifest()).files.map(\.path)
        let others = ["404.html", "centres.json", "sitemap.xml", "robots.txt"] + written.filter { $0.hasPrefix("styles.") }
        XCTAssertEqual(others.filter(written.contains), others)
        func inodes() throws -> [String: UInt64] {
            try Dictionary(uniqueKeysWithValues: others.map { ($0, try XCTUnwrap(FileStamp(path: workspace.output.appendingPathComponent($0).path)).inode) })
        }
        let before = try inodes()
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        _ = try assertSameAsCleanBuild(workspace, templates, "body edit")
        XCTAssertEqual(try inodes(), before)
        // The site's title is on the 404 page, not in robots.txt: the one is written anew, the other taken.
        try workspace.edit("site.yaml", replacing: "title: Theranostics", with: "title: New Theranostics")
        _ = try assertSameAsCleanBuild(workspace, templates, "site title")
        let after = try inodes()
        XCTAssertNotEqual(after["404.html"], before["404.html"])
        XCTAssertEqual(after["robots.txt"], before["robots.txt"])
    }

    /// The cache's files are written over in place (on a disk, freeing a file's
    /// blocks costs more than writing it), through no link, and what else the
    /// cache folder holds is removed; the next build still takes what it should.
    func testTheCacheIsWrittenOverInPlace() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let cache = OutputLocation(workspace.output.path).cache
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        XCTAssertEqual(names, ["bodies.tsv", "findings.json", "fragments.tsv", "inputs.tsv", "outlines.tsv", "pages.tsv", "summary.json"])
        let inodes = { try names.map { try XCTUnwrap(FileStamp(path: cache.appendingPathComponent($0).path)).inode } }
        let before = try inodes()
        try Data("mine".utf8).write(to: cache.appendingPathComponent("notes.txt"))
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        _ = try assertSameAsCleanBuild(workspace, templates, "an edit")
        XCTAssertEqual(try inodes(), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted(), names)
        // A link in a cache file's place is not written through: no cache, a full build next, and the right site.
        let elsewhere = workspace.folder.appendingPathComponent("elsewhere.tsv")
        try Data("keep".utf8).write(to: elsewhere)
        try FileManager.default.removeItem(at: cache.appendingPathComponent("outlines.tsv"))
        try FileManager.default.createSymbolicLink(at: cache.appendingPathComponent("outlines.tsv"), withDestinationURL: elsewhere)
        try workspace.edit("evidence.md", replacing: "Most of all the evidence", with: "Most of the evidence")
        _ = try assertSameAsCleanBuild(workspace, templates, "a link in the cache")
        XCTAssertEqual(try Data(contentsOf: elsewhere), Data("keep".utf8))
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        XCTAssertEqual(try assertSameAsCleanBuild(workspace, templates, "after the link").reusedPages, 0)
        _ = try assertSameAsCleanBuild(workspace, templates, "nothing changed")
    }

    /// A page taken from the last build is linked with its stamp as the manifest had it:
    /// the next build with nothing changed finds the folder as it was written.
    func testPagesTakenFromTheLastBuildKeepTheirStamps() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        let edited = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        XCTAssertEqual(edited.reusedPages, edited.pages - 1)
        let manifest = try XCTUnwrap(OutputLocation(workspace.output.path).readManifest())
        for file in manifest.files {
            XCTAssertTrue(file.isUnchanged(FileStamp(path: workspace.output.appendingPathComponent(file.path).path)), file.path)
        }
        XCTAssertTrue(try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build().upToDate)
    }

    func testNothingChangedLeavesTheOutputAsItIs() throws {
        let (workspace, templates) = try realSite()
        let first = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let page = workspace.output.appendingPathComponent("evidence/index.html")
        let stamp = FileStamp(path: page.path)
        let second = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        XCTAssertTrue(second.upToDate)
        XCTAssertFalse(first.upToDate)
        XCTAssertEqual(second.warnings, first.warnings)
        XCTAssertEqual([second.pages, second.files], [first.pages, first.files])
        XCTAssertEqual(FileStamp(path: page.path), stamp, "the output was written again")
        XCTAssertTrue(second.summary.hasPrefix("up to date: \(first.pages) pages"), second.summary)

        // Another day may make a review due: the build runs again.
        var tomorrow = options(workspace, templates, output: workspace.output)
        tomorrow.today = Day(iso: "2026-11-29")
        XCTAssertFalse(try SiteBuilder(options: tomorrow).build().upToDate)
    }

    /// Finder's files are passed over by the look at the output, and the other files' stamps still tell.
    func testAFinderFileInTheOutputLeavesABuildOfNothingChangedUpToDate() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        for folder in ["", "evidence/", "centres/"] {
            try Data("view".utf8).write(to: workspace.output.appendingPathComponent(folder + ".DS_Store"))
        }
        XCTAssertTrue(try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build().upToDate)
        // Touched, not changed: the stamp tells, and the build runs.
        let page = workspace.output.appendingPathComponent("evidence/index.html")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: page.path)
        XCTAssertFalse(try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build().upToDate)
    }

    func testAPageChangedByHandIsNotTakenForTheBuildsOwn() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        try Data("changed by hand".utf8).write(to: workspace.output.appendingPathComponent("evidence/index.html"))
        XCTAssertThrowsError(try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.map(\.reason), [.outputChanged])
        }
    }

    /// The cache is read from disk: whatever it holds, the build is right.
    func testABrokenCacheOnlyMeansAFullBuild() throws {
        let (workspace, templates) = try realSite()
        let first = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let cache = OutputLocation(workspace.output.path).cache
        let garbage: [(String, String)] = [
            ("summary.json", "{not json"), ("summary.json", #"{"version": 99}"#), ("pages.tsv", "index.html\tnot-a-key\n\t\t\t\nno tabs\n"),
            ("findings.json", "[1, 2"), ("pages.tsv", String(repeating: "x", count: 100_000)),
            ("outlines.tsv", "tool\t1\nfile\tx\n"), ("outlines.tsv", String(repeating: "heading\tx\n", count: 1000)),
            ("inputs.tsv", "\(InputStamps.header)\t0\nevidence.md\t1\t2\t3\t0123456789abcdef\t0123456789abcdef\n"),
            ("inputs.tsv", "\(InputStamps.header)\tsoon\n"), ("inputs.tsv", "evidence.md\t1\n"),
            ("bodies.tsv", "not a key\n\t\n"), ("bodies.tsv", String(repeating: "0123456789abcdef\n", count: 1000)),
        ]
        // A real edit before each build: with nothing changed the build would stop as up to date, reading no more of the cache.
        var edited = false
        func edit() throws {
            try workspace.edit("evidence.md", replacing: edited ? "Most of all the evidence" : "Most of the evidence",
                               with: edited ? "Most of the evidence" : "Most of all the evidence")
            edited.toggle()
        }
        for (name, text) in garbage {
            try edit()
            try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: cache.appendingPathComponent(name))
            let report = try assertSameAsCleanBuild(workspace, templates, "cache file \(name) holding \(text.prefix(20))")
            XCTAssertEqual(report.pages, first.pages)
        }
        // The real outline records (the tool's own) with one front record broken, then one YAML line without its front: no cache.
        let outlinesFile = cache.appendingPathComponent("outlines.tsv")
        let records = try String(contentsOf: outlinesFile, encoding: .utf8)
        let front = try XCTUnwrap(records.range(of: "\nfront\t"))
        for broken in [records.replacingCharacters(in: front, with: "\nfront\tnine\t"), records.replacingCharacters(in: front, with: "\nyaml\tx: 1\nfront\t")] {
            try edit()
            try Data(broken.utf8).write(to: outlinesFile)
            XCTAssertEqual(try assertSameAsCleanBuild(workspace, templates, "a broken front record").pages, first.pages)
        }
        // A cache whose keys all match but that describes another output folder's files.
        let pagesFile = cache.appendingPathComponent("pages.tsv")
        let lines = try String(contentsOf: pagesFile, encoding: .utf8)
        try Data(lines.replacingOccurrences(of: "evidence/index.html\t", with: "evidence/index.html\tffff").utf8).write(to: pagesFile)
        try workspace.edit("evidence.md", replacing: "Most of", with: "Most of all")
        _ = try assertSameAsCleanBuild(workspace, templates, "a page's key changed in the cache")
    }

    /// Files are hashed again only when their stamp changed: the next build reads none of the others.
    func testAFileIsReadAgainOnlyWhenItsStampChanged() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let stampsFile = OutputLocation(workspace.output.path).cache.appendingPathComponent("inputs.tsv")
        let stamps = try XCTUnwrap(InputStamps.decode(try Data(contentsOf: stampsFile)))
        let evidence = workspace.content.appendingPathComponent("evidence.md").path
        let record = try XCTUnwrap(stamps.records["evidence.md"])
        XCTAssertEqual(stamps.records.count, try FileTree(root: workspace.content, keepHidden: [".well-known"]).files.count)
        XCTAssertEqual(record.whole, ContentHash.of(try Data(contentsOf: URL(fileURLWithPath: evidence))))

        // Written just before that build: its stamp may not tell an edit in the same moment.
        XCTAssertNil(stamps.hashes("evidence.md", stamp: FileStamp(path: evidence)))
        var older = stamps
        older.readAt += InputStamps.margin + 1_000_000_000
        XCTAssertEqual(older.hashes("evidence.md", stamp: FileStamp(path: evidence))?.whole, record.whole)
        older.records["evidence.md"]?.size += 1
        XCTAssertNil(older.hashes("evidence.md", stamp: FileStamp(path: evidence)), "a stamp of another size is another file")
        XCTAssertNil(older.hashes("evidence.md", stamp: nil))
        XCTAssertNil(older.hashes("no-such-page.md", stamp: FileStamp(path: evidence)))

        XCTAssertEqual(InputStamps.decode(stamps.encoded()), stamps)
        // Version 1's hashes are another hash's: its file is not read.
        let header = InputStamps.header
        for broken in ["", "\(header)\t12", "site-input-stamps 1\t12\n", "site-input-stamps 3\t12\n", "\(header)\t12\na.md\t1\t2\t3\t0123456789ABCDEF\t0123456789abcdef\n",
                       "\(header)\t12\na.md\t-1\t2\t3\t0123456789abcdef\t0123456789abcdef\n", "\(header)\t12\na.md\t1\t2\t3\t0123\t0123456789abcdef\n"] {
            XCTAssertNil(InputStamps.decode(Data(broken.utf8)), broken.debugDescription)
        }
    }

    /// Files that changed long enough before a build are taken by their stamps: read
    /// once and not hashed again, their bodies kept as bytes until read as text. The
    /// build is still the clean build's, and a draft's placeholder is still found.
    func testFilesTakenByTheirStampsBuildAsACleanBuildDoes() throws {
        let (workspace, templates) = try realSite()
        try workspace.write("side-effects.md", """
            ---
            kind: page
            title: Side effects
            description: Not written yet
            draft: true
            reviewed: 2026-01-10
            next_review: 2027-01-10
            reviewed_by: Fixture clinical team
            ---

            FILL IN the page.
            """)
        try backdate(workspace)
        let first = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let placeholders = { (report: BuildReport) in report.warnings.filter { $0.reason == .placeholder }.map(\.file) }
        XCTAssertEqual(placeholders(first), [workspace.displayPath("side-effects.md")])
        for round in 0..<2 {
            try workspace.edit("evidence.md", replacing: round == 0 ? "Most of" : "Most of all", with: round == 0 ? "Most of all" : "Most of")
            let report = try assertSameAsCleanBuild(workspace, templates, "round \(round)")
            XCTAssertEqual(report.reusedPages, first.pages - 1)
            XCTAssertEqual(placeholders(report), placeholders(first))
        }
    }

    /// A file taken by its stamp is not read: should its bytes change and its stamp
    /// not (the same size and inode, its time put back), the step that reads its
    /// body finds other bytes than the build loaded. The build stops naming the
    /// file, and the output is as it was.
    func testAFileChangedBehindItsStampStopsTheBuildNamingIt() throws {
        let (workspace, templates) = try realSite()
        try backdate(workspace)
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let before = try files(workspace.output)
        let evidence = workspace.content.appendingPathComponent("evidence.md").path
        var info = stat()
        XCTAssertEqual(lstat(evidence, &info), 0)
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: evidence))
        let text = try XCTUnwrap(String(data: handle.readDataToEndOfFile(), encoding: .utf8))
        try handle.seek(toOffset: 0)
        handle.write(Data(text.replacingOccurrences(of: "Most of the evidence", with: "MOST OF THE EVIDENCE").utf8))
        try handle.close()
        var times = [info.st_atim, info.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, evidence, &times, 0), 0)
        XCTAssertEqual(FileStamp(path: evidence), FileStamp(info))
        // A template changed: every page is rendered again, its body read.
        let footer = templates.appendingPathComponent("partials/footer.mustache")
        try Data(try String(contentsOf: footer, encoding: .utf8).replacingOccurrences(of: "</footer>", with: "<!-- x --></footer>").utf8).write(to: footer)
        XCTAssertThrowsError(try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(failure?.stage, .write)
            XCTAssertEqual(failure?.errors.map(\.reason), [.changedWhileBuilding])
            XCTAssertEqual(failure?.errors.map(\.file), [workspace.displayPath("evidence.md")])
        }
        XCTAssertEqual(try files(workspace.output), before)
        // Its stamp made new (as any save makes it), the file is read again and the build is the clean build's.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: evidence)
        _ = try assertSameAsCleanBuild(workspace, templates, "the file's stamp made new")
        XCTAssertTrue(try workspace.read("evidence/index.html").contains("MOST OF THE EVIDENCE"))
    }

    func testHashesAreWrittenAsSixteenLowerCaseHexDigits() {
        for value: UInt64 in [0, 1, 0xF, 0x10, 0xABCDEF, 0x0123_4567_89AB_CDEF, 0x8000_0000_0000_0000, .max] {
            XCTAssertEqual(ContentHash(value: value).hex, String(format: "%016llx", value))
        }
    }

    func testTabSeparatedNumbers() {
        func field<T>(_ text: String, _ read: (TabSeparated.Field) -> T) -> T {
            Array(text.utf8).withUnsafeBytes { read($0[...]) }
        }
        XCTAssertEqual(field("18446744073709551615", TabSeparated.unsigned), UInt64.max)
        XCTAssertNil(field("18446744073709551616", TabSeparated.unsigned))
        XCTAssertEqual(field("-9223372036854775808", TabSeparated.signed), Int64.min)
        XCTAssertNil(field("9223372036854775808", TabSeparated.signed))
        XCTAssertNil(field("-9223372036854775809", TabSeparated.signed))
        XCTAssertEqual(field("-0", TabSeparated.signed), 0)
        for bad in ["", "-", "+1", " 1", "1 ", "0x1", "１"] {
            XCTAssertNil(field(bad, TabSeparated.signed), bad)
        }
        XCTAssertEqual(field("ffffffffffffffff", TabSeparated.hash), UInt64.max)
        XCTAssertEqual(field("000000000000000a", TabSeparated.hash), 10)
        XCTAssertNil(field("00000000000000A0", TabSeparated.hash))
        XCTAssertNil(field("fffffffffffffff", TabSeparated.hash))
    }

    /// Lines written as bytes read back as their fields; a field with a tab or a line
    /// break (a carriage return too) leaves the lines no longer whole, a rest of line keeps its tabs.
    func testTabSeparatedLinesReadBackAsWritten() {
        var lines = TabSeparated.Lines()
        lines.add("name", "Ünïcode ✓", "")
        lines.start("numbers")
        lines.field(-42)
        lines.field(UInt64.max)
        for number: Int64 in [0, 7, 10, 1_000_000, .max, .min] { lines.field(number) }
        for number: Int in [0, -1, 99, .max] { lines.field(number) }
        lines.field(UInt64(0))
        lines.end()
        lines.add("one", "1")
        lines.add("two", "1", "2")
        lines.add("three", "1", "2", "3")
        Array("a\tb: c".utf8).withUnsafeBufferPointer { rest in
            lines.start("yaml")
            lines.field(rest: rest)
            lines.end()
        }
        XCTAssertTrue(lines.whole)
        var read: [[String]] = []
        XCTAssertTrue(TabSeparated.read(Data(lines.bytes)) { fields in
            read.append(fields.map(TabSeparated.text))
            return true
        })
        XCTAssertEqual(read, [["name", "Ünïcode ✓", ""],
                              ["numbers", "-42", "18446744073709551615", "0", "7", "10", "1000000", "9223372036854775807", "-9223372036854775808",
                               "0", "-1", "99", "9223372036854775807", "0"],
                              ["one", "1"], ["two", "1", "2"], ["three", "1", "2", "3"], ["yaml", "a", "b: c"]])
        for bad in ["a\tb", "a\nb", "a\rb"] {
            var broken = TabSeparated.Lines()
            broken.add("name", bad)
            XCTAssertFalse(broken.whole, bad.debugDescription)
        }
        var broken = TabSeparated.Lines()
        Array("a\nb".utf8).withUnsafeBufferPointer { broken.field(rest: $0) }
        XCTAssertFalse(broken.whole)
    }

    /// A file's links and citations are checked again when it changed or when
    /// anything they may name changed: an incremental build after each edit
    /// below fails with the clean build's errors, on files no edit touched.
    func testLinksAreCheckedAgainWhenWhatTheyNameChanges() throws {
        let (workspace, templates) = try realSite()
        func errors(incremental: Bool) -> [String] {
            do {
                _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output, incremental: incremental)).build()
                return []
            } catch {
                return (error as? BuildFailure)?.errors.map(\.description) ?? ["\(error)"]
            }
        }
        let bodies = OutputLocation(workspace.output.path).cache.appendingPathComponent("bodies.tsv")
        let edits: [(String, String, String, String)] = [
            ("a heading other pages link to renamed", "funding.md", "## Treatment on the NHS", "## NHS treatment"),
            ("a page other pages link to gone", "services/lutetium-psma.md", "", ""),
            ("a reference other pages cite gone", "references/hofman2018.md", "", ""),
            ("a page other pages link to made a draft", "funding.md", "\ntitle:", "\ndraft: true\ntitle:"),
        ]
        for (edit, path, old, new) in edits {
            XCTAssertEqual(errors(incremental: true), [], "before: \(edit)")
            let passed = try String(contentsOf: bodies, encoding: .utf8).split(separator: "\n").count
            XCTAssertGreaterThan(passed, 10, "the build kept no passed bodies: nothing is reused")
            let file = workspace.content.appendingPathComponent(path)
            let original = try Data(contentsOf: file)
            let before = try snapshot(workspace.output)
            if old.isEmpty { try FileManager.default.removeItem(at: file) } else { try workspace.edit(path, replacing: old, with: new) }
            let incremental = errors(incremental: true)
            XCTAssertFalse(incremental.isEmpty, "\(edit): the incremental build passed")
            XCTAssertFalse(incremental.contains { $0.hasPrefix(workspace.displayPath(path) + ":") },
                           "\(edit): the errors should be in the files that name it, \(incremental)")
            XCTAssertEqual(incremental, errors(incremental: false), edit)
            XCTAssertEqual(try snapshot(workspace.output), before, "\(edit): the refused builds changed the output")
            try original.write(to: file)
        }
        XCTAssertEqual(errors(incremental: true), [], "after the edits were undone")
    }

    /// The passed bodies' keys are read from disk: a line that is not a key is no key.
    func testBodyChecksReadOnlyTheirOwnLines() {
        let checks = BodyChecks(salt: 7, passed: [0, 1, UInt64.max, 0x0123_4567_89ab_cdef])
        XCTAssertEqual(BodyChecks.decode(checks.encoded(), salt: 7), checks)
        let broken = "0123456789abcdef\t1\n0123456789ABCDEF\n123\n\nffffffffffffffff0\n-123456789abcdef\nzzzzzzzzzzzzzzzz\n00000000000000ff\n"
        XCTAssertEqual(BodyChecks.decode(Data(broken.utf8), salt: 7).passed, [0xff])
        XCTAssertEqual(BodyChecks.decode(Data([0xFF, 0xFE, 0x0A, 0x00]), salt: 7).passed, [])
    }

    #if os(Linux)
    /// The cache names the tool that wrote it by the tool's build ID (the test program's, here).
    func testTheCacheNamesTheToolByItsBuildID() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let summaryFile = OutputLocation(workspace.output.path).cache.appendingPathComponent(BuildCache.summaryFile)
        let summary = try JSONDecoder().decode(BuildCache.Summary.self, from: Data(contentsOf: summaryFile))
        var hash = ContentHash()
        hash.add("build-id")
        try XCTUnwrap(ToolIdentity.programBuildID()).withUnsafeBytes { hash.add($0) }
        XCTAssertEqual(summary.tool.hash, hash.value)
    }
    #endif

    func testWithoutTheCacheEveryPageIsRendered() throws {
        let (workspace, templates) = try realSite()
        _ = try SiteBuilder(options: options(workspace, templates, output: workspace.output)).build()
        let report = try SiteBuilder(options: options(workspace, templates, output: workspace.output, incremental: false)).build()
        XCTAssertFalse(report.upToDate)
        XCTAssertEqual(report.reusedPages, 0)
    }
}

/// A repeatable random sequence (SplitMix64), so a failing round can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
