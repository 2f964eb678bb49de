import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteModel
@testable import SitePipeline

/// A build reads each Markdown file once: the load step takes the bytes and
/// hash the inputs step read (`ReadFiles`), and checks them as it checks the
/// bytes it reads itself.
final class ReadOnceTests: XCTestCase {
    func testTheInputsStepHandsOverEachMarkdownFileItReadAndNoOtherFile() throws {
        let workspace = try Workspace()
        let fingerprint = InputFingerprint(options: workspace.options(), steps: [], previousTool: nil)
        let files = try FileTree(root: workspace.content).files
        XCTAssertGreaterThan(files.filter { $0.hasSuffix(".md") }.count, 5)
        XCTAssertTrue(files.contains { !$0.hasSuffix(".md") }, "the fixture has other files")
        for path in files {
            let taken = fingerprint.readFiles.take(path)
            guard path.hasSuffix(".md") else {
                XCTAssertNil(taken, path)
                continue
            }
            XCTAssertEqual(taken?.bytes, try Data(contentsOf: workspace.content.appendingPathComponent(path)), path)
            XCTAssertEqual(taken?.hash, fingerprint.files[path], path)
            XCTAssertNil(fingerprint.readFiles.take(path), "\(path) taken twice")
        }
    }

    /// The inputs step's listing of the content folder is the load's: a file it did not
    /// list (one written after it) is not loaded, and the folder is not walked again.
    func testTheLoaderTakesTheListingHandedOver() throws {
        let workspace = try Workspace()
        let fingerprint = InputFingerprint(options: workspace.options(), steps: [], previousTool: nil)
        let listed = try XCTUnwrap(fingerprint.contentTree)
        XCTAssertEqual(listed.files, try FileTree(root: workspace.content).files)
        try workspace.write("later.md", "---\nkind: page\ntitle: Later\n---\n\nWritten after the listing.\n")
        var loader = ContentLoader(directory: workspace.content, displayRoot: "content")
        loader.tree = listed
        let loaded = loader.load()
        let walked = ContentLoader(directory: workspace.content, displayRoot: "content").load().sources.map(\.relativePath)
        XCTAssertTrue(walked.contains("later.md"))
        XCTAssertEqual(loaded.sources.map(\.relativePath), walked.filter { $0 != "later.md" })
        // A folder that does not read gives no listing: the load walks it itself, and says it cannot.
        let none = workspace.folder.appendingPathComponent("none")
        let missing = InputFingerprint(options: BuildOptions(content: none.path, templates: Repository.templates.path, output: workspace.output.path),
                                       steps: [], previousTool: nil)
        XCTAssertNil(missing.contentTree)
        var unlisted = ContentLoader(directory: none, displayRoot: "none")
        unlisted.tree = missing.contentTree
        XCTAssertEqual(unlisted.load().diagnostics.map(\.reason), [.missingFolder])
    }

    /// On disk the page says one thing, handed over another: the load takes what
    /// was handed over, with its hash, and reads every other file as before.
    func testTheLoaderTakesTheBytesHandedOver() throws {
        let workspace = try Workspace()
        let handed = "---\nkind: page\ntitle: Handed over\n---\n\nThe text the inputs step read.\n"
        var loader = ContentLoader(directory: workspace.content, displayRoot: "content")
        let files = ReadFiles(["about.md": .init(bytes: Data(handed.utf8), hash: ContentHash(value: 42))])
        loader.readFiles = files
        let loaded = loader.load()
        let plain = ContentLoader(directory: workspace.content, displayRoot: "content").load()
        XCTAssertEqual(loaded.diagnostics, plain.diagnostics)
        XCTAssertEqual(loaded.sources.map(\.relativePath), plain.sources.map(\.relativePath))
        for (source, asRead) in zip(loaded.sources, plain.sources) {
            if source.relativePath == "about.md" {
                XCTAssertEqual(source.body, "\nThe text the inputs step read.\n")
                XCTAssertEqual(source.frontMatter["title"]?.value.scalar?.string, "Handed over")
                XCTAssertEqual(source.contentHash, ContentHash(value: 42))
                XCTAssertNotEqual(asRead.body, source.body)
            } else {
                XCTAssertEqual(source.body, asRead.body, source.relativePath)
                XCTAssertEqual(source.contentHash, asRead.contentHash, source.relativePath)
            }
        }
        XCTAssertNil(files.take("about.md"), "taken once")
    }

    /// Bytes handed over that are not a page (too large, not UTF-8, no front
    /// matter, a zero byte) give the error the same bytes read from the file give.
    func testBytesHandedOverAreCheckedAsBytesReadAre() throws {
        let workspace = try Workspace()
        let page = workspace.content.appendingPathComponent("bad.md")
        let front = Array("---\nkind: page\ntitle: Bad\n---\n".utf8)
        let shapes: [(String, [UInt8])] = [
            ("not UTF-8", front + [0xC3, 0x28, 0x0A]),
            ("too large", front + Array(repeating: 0x61, count: ContentLoader.defaultMarkdownLimitKB * 1024)),
            ("no front matter", Array("just text\n".utf8)),
            ("a zero byte", front + Array("zero \u{0} byte\n".utf8)),
        ]
        for (shape, bytes) in shapes {
            try Data(bytes).write(to: page)
            let fromFile = ContentLoader(directory: workspace.content, displayRoot: "content").load()
            // The file is now a good page: only the bytes handed over can be wrong.
            try Data((front + Array("Fine.\n".utf8))).write(to: page)
            var loader = ContentLoader(directory: workspace.content, displayRoot: "content")
            loader.readFiles = ReadFiles(["bad.md": .init(bytes: Data(bytes), hash: ContentHash.of(Data(bytes)))])
            let handed = loader.load()
            XCTAssertFalse(fromFile.diagnostics.isEmpty, shape)
            XCTAssertEqual(handed.diagnostics, fromFile.diagnostics, shape)
            XCTAssertEqual(handed.unreadable, fromFile.unreadable, shape)
        }
    }

    /// A body is checked for UTF-8 where it stands: the check answers as `String(validating:)`
    /// for texts drawn from valid characters and from the byte sequences UTF-8 forbids.
    func testTheUTF8CheckAnswersAsStringValidation() {
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array(" ".utf8), Array("é".utf8), Array("—".utf8), Array("😀".utf8), Array("\u{10FFFF}".utf8),
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x00],
        ]
        var generator = SeededGenerator(seed: 20261130)
        var answers: [Bool: Int] = [:]
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0..<12, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            XCTAssertEqual(bytes.withUnsafeBytes { UTF8Check.isValid($0) }, valid, "\(bytes)")
            answers[valid, default: 0] += 1
        }
        XCTAssertGreaterThan(answers[true] ?? 0, 100)
        XCTAssertGreaterThan(answers[false] ?? 0, 100)
    }

    /// A body read once is its text, whether kept as bytes or as text, and stays so.
    func testABodyReadOnceIsItsText() {
        let text = "Café — “care” ✓\n"
        for body in [MarkdownBody(text), MarkdownBody(utf8: Data(("---\n---\n" + text).utf8), from: 8)] {
            XCTAssertEqual(body.readOnce, text)
            XCTAssertEqual(body.readOnce, text)
            XCTAssertEqual(body.string, text)
            XCTAssertTrue(body.contains("care"))
        }
    }
}
