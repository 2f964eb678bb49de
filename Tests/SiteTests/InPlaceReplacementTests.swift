import Foundation
import XCTest
@testable import SiteModel
@testable import SiteWrite

/// `OutputWriter.replace`: a few files of the output put in place over the
/// last build's, the manifest after them; what it does when a file is not
/// the last build's, when a copy is no longer worth a file, and when a rename fails.
final class InPlaceReplacementTests: XCTestCase {
    private var workspace: Workspace!
    private var writer: OutputWriter { OutputWriter(output: workspace.output.path) }

    override func setUpWithError() throws {
        workspace = try Workspace()
    }

    override func tearDown() {
        workspace = nil
    }

    /// An output folder holding `files`, with the manifest a build would write of it.
    @discardableResult
    private func output(_ files: [String: Data], compression: String? = nil) throws -> OutputManifest {
        var records: [OutputManifest.File] = [], folders: Set<String> = []
        for (path, data) in files {
            let url = workspace.output.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            records.append(.init(path: path, size: data.count, hash: FileHash.hash(data), stamp: FileStamp(path: url.path)))
            folders.formUnion(OutputInventory.folders(holding: [path]))
        }
        var manifest = OutputManifest(folders: Array(folders), files: records)
        manifest.compression = compression
        try manifest.encoded().write(to: writer.location.manifest)
        XCTAssertTrue(writer.isAsLastWritten())
        return manifest
    }

    private var beside: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)) ?? []).filter { $0.hasPrefix(".public.") }.sorted()
    }

    func testFilesArePutInPlaceAndTheManifestListsThem() throws {
        let manifest = try output(["a/index.html": Data("old a".utf8), "b/index.html": Data("old b".utf8)])
        let replaced = try writer.replace([OutputFile(path: "b/index.html", text: "new b")], listedIn: manifest, compressing: false)
        XCTAssertEqual(try snapshot(workspace.output), ["a/index.html": Data("old a".utf8), "b/index.html": Data("new b".utf8)])
        XCTAssertEqual(writer.location.readManifest(), replaced.manifest)
        XCTAssertEqual(replaced.manifest.files.map(\.path), ["a/index.html", "b/index.html"])
        XCTAssertTrue(writer.isAsLastWritten())
        XCTAssertNil(replaced.precompressed)
        XCTAssertEqual(beside, [".public.manifest.tsv"])
    }

    /// A manifest whose files are out of order (not as a build writes it) is read all the same.
    func testAManifestOutOfOrderIsReplacedInOrder() throws {
        var manifest = try output(["a/index.html": Data("old a".utf8), "b/index.html": Data("old b".utf8), "c.txt": Data("old c".utf8)])
        manifest.files.reverse()
        XCTAssertFalse(manifest.isSorted)
        try manifest.encoded().write(to: writer.location.manifest)
        let replaced = try writer.replace([OutputFile(path: "b/index.html", text: "new b")], listedIn: manifest, compressing: false)
        XCTAssertEqual(replaced.manifest.files.map(\.path), ["a/index.html", "b/index.html", "c.txt"])
        XCTAssertEqual(try snapshot(workspace.output)["b/index.html"], Data("new b".utf8))
        XCTAssertTrue(writer.isAsLastWritten())
    }

    /// A file the last build did not write is refused before anything changes.
    func testAFileNotOfTheLastBuildChangesNothing() throws {
        let manifest = try output(["a/index.html": Data("old a".utf8)])
        let before = try snapshot(workspace.output)
        for file in [OutputFile(path: "c/index.html", text: "new"), OutputFile(path: "a/index.html", copying: workspace.content)] {
            XCTAssertThrowsError(try writer.replace([file], listedIn: manifest, compressing: false))
            XCTAssertEqual(try snapshot(workspace.output), before)
            XCTAssertTrue(writer.isAsLastWritten())
            XCTAssertEqual(beside, [".public.manifest.tsv"])
        }
    }

    /// A text file whose copies were worth a file and are not any more: the copies go, from the folder and the manifest.
    func testCopiesNoLongerWorthAFileAreRemoved() throws {
        let text = Data(String(repeating: "compressible text ", count: 200).utf8)
        var files = ["notes.txt": text, "other.txt": text]
        for encoding in ContentEncoding.allCases {
            files["notes.txt" + encoding.suffix] = try XCTUnwrap(OutputWriter.Staged.copy(of: text, as: encoding))
        }
        let manifest = try output(files, compression: ContentEncoding.settings)
        let replaced = try writer.replace([OutputFile(path: "notes.txt", text: "tiny")], listedIn: manifest, compressing: true)
        XCTAssertEqual(try snapshot(workspace.output), ["notes.txt": Data("tiny".utf8), "other.txt": text])
        XCTAssertEqual(replaced.manifest.files.map(\.path), ["notes.txt", "other.txt"])
        XCTAssertEqual(replaced.manifest.compression, ContentEncoding.settings)
        XCTAssertEqual(replaced.precompressed?.compressed, 1)
        XCTAssertEqual(replaced.precompressed?.reused, 1)
        XCTAssertTrue(writer.isAsLastWritten())
        // And back: the copies made and listed again.
        let again = try writer.replace([OutputFile(path: "notes.txt", data: text)], listedIn: replaced.manifest, compressing: true)
        XCTAssertEqual(Set(try snapshot(workspace.output).keys), Set(files.keys))
        XCTAssertEqual(again.manifest.files.map(\.path), ["notes.txt", "notes.txt.br", "notes.txt.gz", "other.txt"])
        XCTAssertTrue(writer.isAsLastWritten())
    }

    /// A copy no longer worth a file that cannot be removed (a folder put in its place)
    /// would be served for its new page: an error, and no manifest.
    func testACopyThatCannotBeRemovedFailsTheReplacement() throws {
        let text = Data(String(repeating: "compressible text ", count: 200).utf8)
        let gzip = try XCTUnwrap(OutputWriter.Staged.copy(of: text, as: .gzip))
        let manifest = try output(["notes.txt": text, "notes.txt.gz": gzip], compression: ContentEncoding.settings)
        let copy = workspace.output.appendingPathComponent("notes.txt.gz")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("inside"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try writer.replace([OutputFile(path: "notes.txt", text: "tiny")], listedIn: manifest, compressing: true)) { error in
            XCTAssertTrue("\(error)".contains("notes.txt.gz"), "\(error)")
        }
        XCTAssertNil(writer.location.readManifest())
        XCTAssertEqual(beside, [])
    }

    /// A rename that fails after another was made (the folder gone since the
    /// output was looked at): an error, each file old or new, no manifest (so the
    /// next build replaces the folder whole), and nothing left beside it.
    func testARenameThatFailsLeavesNoManifest() throws {
        let manifest = try output(["a/index.html": Data("old a".utf8), "b/index.html": Data("old b".utf8)])
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("b"))
        let files = [OutputFile(path: "a/index.html", text: "new a"), OutputFile(path: "b/index.html", text: "new b")]
        XCTAssertThrowsError(try writer.replace(files, listedIn: manifest, compressing: false)) { error in
            XCTAssertTrue("\(error)".contains("b/index.html"), "\(error)")
        }
        XCTAssertEqual(try snapshot(workspace.output), ["a/index.html": Data("new a".utf8)])
        XCTAssertNil(writer.location.readManifest())
        XCTAssertEqual(beside, [])
    }

    /// Whether a path is a text file the build compresses, as `pathExtension` tells it.
    func testTextFilesAreToldByTheirExtensionAsFoundationTellsIt() {
        let paths = ["index.html", "a/b/index.html", ".html", "a/.html", "..html", "a/..js", "x.", "a.b/c", "a.b/c.txt", "styles.1a2b.css",
                     "a.HTML", "a.html\u{301}", "é.json", "map.svg", "feed.xml", "robots.txt", "photo.webp", "a.html.gz", "noext", ""]
        for path in paths {
            XCTAssertEqual(OutputWriter.Staged.isText(path), OutputWriter.Staged.compressedExtensions.contains((path as NSString).pathExtension), path)
        }
    }
}
