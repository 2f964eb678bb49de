import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteWrite

/// The site before the last, kept beside the output (`.public.spare/`) and
/// made into the next build's staging folder: the output is always the clean
/// build's, nothing put into the spare by hand reaches it, and no file of the
/// spare (which may be the output folder's own, linked) is ever written into.
final class SpareSiteTests: XCTestCase {
    private var workspace: Workspace!
    private var templates: URL!

    override func setUpWithError() throws {
        workspace = try Workspace(copying: Repository.content)
        templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
    }

    override func tearDown() {
        workspace = nil
    }

    private var spare: URL { OutputLocation(workspace.output.path).spare }

    private func build() throws {
        _ = try SiteBuilder(options: BuildOptions(content: workspace.content.path, templates: templates.path, output: workspace.output.path,
                                                  today: Day(iso: "2026-11-28"))).build()
    }

    /// Builds, then compares the output with a clean build's into a new folder.
    private func assertSameAsCleanBuild(_ step: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try build()
        let clean = workspace.folder.appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(options: BuildOptions(content: workspace.content.path, templates: templates.path, output: clean.path,
                                                  today: Day(iso: "2026-11-28"), incremental: false)).build()
        let (built, expected) = (try snapshot(workspace.output), try snapshot(clean))
        XCTAssertEqual(Set(built.keys), Set(expected.keys), step, file: file, line: line)
        for (path, data) in expected where built[path] != data {
            XCTFail("\(step): \(path) differs from the clean build's", file: file, line: line)
        }
        try FileManager.default.removeItem(at: clean)
    }

    /// A build, an edit and a build that swaps: the first build's site is the spare.
    /// (An edit of bodies alone replaces its pages in place and keeps no spare:
    /// a link to a page the body did not link to takes the full steps, which
    /// render that page alone and take the others from the last build.)
    private func buildWithSpare() throws {
        try build()
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        try linkAnotherPage()
        try build()
    }

    /// A link from the evidence page to a page it does not link to yet: an edit for the full steps.
    private func linkAnotherPage() throws {
        let evidence = try String(contentsOf: workspace.content.appendingPathComponent("evidence.md"), encoding: .utf8)
        let target = try XCTUnwrap(["funding.md", "contact.md", "refer-a-patient.md", "index.md"].first { !evidence.contains("(\($0))") })
        try workspace.write("evidence.md", evidence + "\nSee [another page](\(target)).\n")
    }

    func testTheSiteBeforeTheLastIsKeptAndBecomesTheNext() throws {
        try build()
        let first = try snapshot(workspace.output)
        XCTAssertNil(inode(spare), "a first build has no site to keep")
        try workspace.edit("evidence.md", replacing: "Most of the evidence", with: "Most of all the evidence")
        try build()
        XCTAssertNil(inode(spare), "a body edit replaces its page in place")
        XCTAssertNotEqual(try snapshot(workspace.output), first)
        let edited = try snapshot(workspace.output)
        try linkAnotherPage()
        try build()
        XCTAssertEqual(try snapshot(spare), edited)
        let second = try snapshot(workspace.output)
        let folder = spare.appendingPathComponent("centres/oxford")
        let folderInode = try XCTUnwrap(inode(folder))
        try workspace.edit("funding.md", replacing: "\ntitle: ", with: "\ntitle: Paying for it, ")
        try assertSameAsCleanBuild("a title changed")
        XCTAssertEqual(try snapshot(spare), second)
        // The folders of the site before the last are this site's: none made anew.
        XCTAssertEqual(inode(workspace.output.appendingPathComponent("centres/oxford")), folderInode)
    }

    /// A page taken from the last build is the output's own file, linked: a build
    /// that renders every page anew into the spare and then fails (its check
    /// finds a broken link the template added) leaves the output as it was.
    func testNoFileOfTheSpareIsWrittenInto() throws {
        try buildWithSpare()
        let page = "funding/index.html"
        XCTAssertEqual(inode(spare.appendingPathComponent(page)), inode(workspace.output.appendingPathComponent(page)))
        let before = try snapshot(workspace.output)
        let footer = templates.appendingPathComponent("partials/footer.mustache")
        let html = try String(contentsOf: footer, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "</footer>", with: "<a href=\"/no-such-page/\">x</a></footer>").utf8).write(to: footer)
        let checked = BuildOptions(content: workspace.content.path, templates: templates.path, output: workspace.output.path, today: Day(iso: "2026-11-28"))
        XCTAssertThrowsError(try SiteBuilder(options: checked, steps: BuildStep.standard(check: true)).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.stage, .check)
        }
        XCTAssertEqual(try snapshot(workspace.output), before)
        // What the failed build staged is the next build's spare, not removed.
        XCTAssertTrue(try snapshot(spare)[page].map { String(decoding: $0, as: UTF8.self).contains("/no-such-page/") } ?? false)
        try Data(html.replacingOccurrences(of: "</footer>", with: "<!-- new --></footer>").utf8).write(to: footer)
        try assertSameAsCleanBuild("the template changed")
    }

    /// The spare is moved and read while the build reads its inputs: a build
    /// stopped by a content error before it opens its staging folder puts the
    /// spare back as it was, and the next build takes it all the same.
    func testABuildStoppedBeforeItsStagingFolderPutsTheSpareBack() throws {
        try buildWithSpare()
        let (kept, output) = (try snapshot(spare), try snapshot(workspace.output))
        let folderInode = try XCTUnwrap(inode(spare.appendingPathComponent("centres/oxford")))
        try workspace.edit("funding.md", replacing: "\ntitle: ", with: "\ntitle: [")
        XCTAssertThrowsError(try build())
        XCTAssertEqual(try snapshot(spare), kept)
        XCTAssertEqual(inode(spare.appendingPathComponent("centres/oxford")), folderInode)
        XCTAssertEqual(try snapshot(workspace.output), output)
        let beside = try FileManager.default.contentsOfDirectory(atPath: workspace.output.deletingLastPathComponent().path)
        XCTAssertFalse(beside.contains { $0.contains("staging") }, "\(beside)")
        // Nothing changed since the last build that wrote: up to date, the spare left where it is.
        try workspace.edit("funding.md", replacing: "\ntitle: [", with: "\ntitle: ")
        XCTAssertTrue(try SiteBuilder(options: BuildOptions(content: workspace.content.path, templates: templates.path, output: workspace.output.path,
                                                            today: Day(iso: "2026-11-28"))).build().upToDate)
        XCTAssertEqual(try snapshot(spare), kept)
        try workspace.edit("funding.md", replacing: "\ntitle: ", with: "\ntitle: Paying for it, ")
        try assertSameAsCleanBuild("after a build that stopped")
        XCTAssertEqual(inode(workspace.output.appendingPathComponent("centres/oxford")), folderInode)
    }

    /// Files, folders and links put into the spare by hand are removed (a link never
    /// followed), and the site is the clean build's.
    func testWhatTheSpareHoldsByHandNeverReachesTheSite() throws {
        try buildWithSpare()
        let elsewhere = workspace.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("index.html"))
        let fileManager = FileManager.default
        try Data("junk".utf8).write(to: spare.appendingPathComponent("junk.html"))
        try Data("finder".utf8).write(to: spare.appendingPathComponent("contact/.DS_Store"))
        try fileManager.createDirectory(at: spare.appendingPathComponent("extra/deeper"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: spare.appendingPathComponent("extra/deeper/page.html"))
        // A link where the site has a folder, and a folder where it has a file.
        try fileManager.removeItem(at: spare.appendingPathComponent("funding"))
        try fileManager.createSymbolicLink(at: spare.appendingPathComponent("funding"), withDestinationURL: elsewhere)
        try fileManager.removeItem(at: spare.appendingPathComponent("robots.txt"))
        try fileManager.createDirectory(at: spare.appendingPathComponent("robots.txt/inside"), withIntermediateDirectories: true)
        try workspace.edit("contact.md", replacing: "\ntitle: ", with: "\ntitle: Call us, ")
        try assertSameAsCleanBuild("after the spare was changed by hand")
        for path in ["junk.html", "contact/.DS_Store", "extra"] {
            XCTAssertFalse(fileManager.fileExists(atPath: workspace.output.appendingPathComponent(path).path), path)
        }
        XCTAssertEqual(try Data(contentsOf: elsewhere.appendingPathComponent("index.html")), Data("keep".utf8))
    }

    func testASpareThatIsALinkIsRemovedNotFollowed() throws {
        try build()
        let elsewhere = workspace.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("evidence"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("evidence/index.html"))
        try FileManager.default.createSymbolicLink(at: spare, withDestinationURL: elsewhere)
        try workspace.edit("evidence.md", replacing: "\ntitle: ", with: "\ntitle: Read ")
        try assertSameAsCleanBuild("a link in the spare's place")
        XCTAssertEqual(try Data(contentsOf: elsewhere.appendingPathComponent("evidence/index.html")), Data("keep".utf8))
        XCTAssertNil(OutputLocation.linkTarget(spare.path))
    }

    /// A file of the spare that is not the one the last build wrote (here a new
    /// file of the same size in its place) vouches for nothing: the page taken
    /// from the last build is the output's, and the site the clean build's.
    func testABuildNeverTakesAFileTheSpareHoldsByHand() throws {
        try buildWithSpare()
        let page = spare.appendingPathComponent("funding/index.html")
        let size = try Data(contentsOf: page).count
        try FileManager.default.removeItem(at: page)
        try Data(String(repeating: "x", count: size).utf8).write(to: page)
        try linkAnotherPage()
        try build()
        XCTAssertFalse(try workspace.read("funding/index.html").contains("xxxx"))
        try assertSameAsCleanBuild("a file of the spare replaced by hand")
    }

    /// The output's own file changed by hand, in its place (so in the spare's too,
    /// the one inode) or as a new file, is refused by a body edit as by a full
    /// build, and left as it is.
    func testAFileChangedByHandInTheOutputStopsABodyEdit() throws {
        let page = workspace.output.appendingPathComponent("funding/index.html")
        for inPlace in [true, false] {
            try buildWithSpare()
            if inPlace {
                let handle = try FileHandle(forWritingTo: page)
                try handle.write(contentsOf: Data("<!-- changed by hand -->".utf8))
                try handle.close()
            } else {
                try FileManager.default.removeItem(at: page)
                try Data("<!-- changed by hand -->".utf8).write(to: page)
            }
            try workspace.edit("evidence.md", replacing: "Most of all the evidence", with: "Most of the evidence")
            XCTAssertThrowsError(try build(), "in place: \(inPlace)") { error in
                XCTAssertEqual((error as? BuildFailure)?.errors.map(\.reason), [.outputChanged], "in place: \(inPlace)")
            }
            XCTAssertTrue(try workspace.read("funding/index.html").hasPrefix("<!-- changed by hand -->"), "in place: \(inPlace)")
            try FileManager.default.removeItem(at: page)
        }
    }

    /// Folders nested thousands deep in the spare by hand, past the longest path,
    /// never reach the site: a removal by paths left them, and the staging folder made after it was that folder.
    func testFoldersNestedDeepInTheSpareAreRemoved() throws {
        try buildWithSpare()
        nestFoldersInTheSpare()
        try linkAnotherPage()
        try assertSameAsCleanBuild("folders nested deep in the spare")
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("d").path))
    }

    /// Folders `d/d/...` 3,000 deep in the spare: past the longest path, so the spare cannot be pruned by paths.
    private func nestFoldersInTheSpare() {
        var folder = open(spare.path, O_RDONLY | O_DIRECTORY)
        for _ in 0..<3_000 {
            XCTAssertEqual(mkdirat(folder, "d", 0o755), 0)
            let next = openat(folder, "d", O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
        }
        close(folder)
    }

    /// Removal by names: a tree nested past the longest path, wide folders, files
    /// at each level and links (removed, never followed) all go; a file or nothing at the path is fine too.
    func testAFolderIsRemovedWhateverItHolds() throws {
        let fileManager = FileManager.default
        let outside = workspace.folder.appendingPathComponent("outside")
        try fileManager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("kept.txt"))
        let tree = workspace.folder.appendingPathComponent("tree")
        for index in 0..<50 {
            let wide = tree.appendingPathComponent("wide/\(index)")
            try fileManager.createDirectory(at: wide, withIntermediateDirectories: true)
            try Data("\(index)".utf8).write(to: wide.appendingPathComponent("index.html"))
        }
        try fileManager.createSymbolicLink(at: tree.appendingPathComponent("wide/link"), withDestinationURL: outside)
        var folder = open(tree.path, O_RDONLY | O_DIRECTORY)
        for level in 0..<3_000 {
            XCTAssertEqual(mkdirat(folder, "deep", 0o755), 0)
            if level % 500 == 0 { XCTAssertGreaterThanOrEqual(openat(folder, "file-\(level)", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644), 0) }
            let next = openat(folder, "deep", O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
        }
        XCTAssertEqual(symlinkat(outside.path, folder, "up"), 0)
        close(folder)
        XCTAssertFalse((try? fileManager.removeItem(at: tree)) != nil && !fileManager.fileExists(atPath: tree.path),
                       "a removal by paths leaves the deep tree: this test needs one it leaves")
        XCTAssertTrue(FolderRemoval.remove(tree.path))
        XCTAssertFalse(fileManager.fileExists(atPath: tree.path))
        XCTAssertEqual(try Data(contentsOf: outside.appendingPathComponent("kept.txt")), Data("keep".utf8))
        XCTAssertTrue(FolderRemoval.remove(tree.path), "nothing there")
        try Data("file".utf8).write(to: tree)
        XCTAssertTrue(FolderRemoval.remove(tree.path))
        XCTAssertFalse(fileManager.fileExists(atPath: tree.path))
    }

    /// The spare made into a staging folder: what the new site does not have goes, whatever it is.
    func testTakingTheSpareLeavesOnlyTheNewSitesFoldersAndFiles() throws {
        let location = OutputLocation(workspace.output.path)
        let root = location.spare
        let fileManager = FileManager.default
        for folder in ["b", "c/d", "e"] {
            try fileManager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["a", "b/index.html", "b/old.html", "c/d/e.txt", "e/index.html.gz"] {
            try Data(file.utf8).write(to: root.appendingPathComponent(file))
        }
        try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("b/link").path, withDestinationPath: "/etc")
        let staging = location.staging(4242)
        let moved = try XCTUnwrap(SpareSite.move(location, as: staging))
        XCTAssertFalse(fileManager.fileExists(atPath: root.path))
        // Given out of order.
        let held = SpareSite.take(moved, folders: ["e/f", "a", "b", "e"], paths: ["e/f/index.html", "b/index.html", "a/index.html"])
        XCTAssertEqual(try FileTree.files(in: staging).sorted(), ["b/index.html"])
        // What it holds is told with the stamps read as it was pruned, for the files put in to be known by inode.
        XCTAssertEqual(held, ["b/index.html": try XCTUnwrap(FileStamp(path: staging.appendingPathComponent("b/index.html").path))])
        var isFolder: ObjCBool = false
        for folder in ["a", "b", "e", "e/f"] {
            XCTAssertTrue(fileManager.fileExists(atPath: staging.appendingPathComponent(folder).path, isDirectory: &isFolder) && isFolder.boolValue, folder)
        }
        XCTAssertFalse(fileManager.fileExists(atPath: staging.appendingPathComponent("c").path))
        XCTAssertNil(OutputLocation.linkTarget(staging.appendingPathComponent("b/link").path))
        // No spare: nothing moved.
        XCTAssertNil(SpareSite.move(location, as: location.staging(4243)))
    }
}
