import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteModel

/// The loader reads most content files from their bytes (`SourceFile.parse(utf8:)`):
/// each must come out as its text does through `parse`, and any file of
/// another shape must be left to `parse`, which reports what is wrong with it.
final class SourceBytesTests: XCTestCase {
    func testBytesAreReadAsTheirTextIs() throws {
        var texts = try FileTree(root: Repository.content).files.filter { $0.hasSuffix(".md") }.map {
            try String(contentsOf: Repository.content.appendingPathComponent($0), encoding: .utf8)
        }
        XCTAssertGreaterThan(texts.count, 20)
        texts += [
            "---\nkind: page\n---\n", "---\nkind: page\n---", "---\nkind: page\n---\nno line break at the end",
            "--- \t\nkind: page\n...\t \nBody\n", "---\n---\nBody\n", "---\n\n\n---\n\nBody after a blank line\n",
            "---\nkind: page\ntitle: [unclosed\n---\nx\n", "---\ntitle: a\ntitle: b\n---\n", "---\n\tkind: page\n---\n",
            "---\ntitle: Café — “care”\n---\nNaïve text ✓ and a line\n---\nthat looks like a fence.\n",
            "---\nkind: page\n----\nnot a fence\n---\nBody\n", "---\nkind: page\n--- x\n---\n",
            "---\nlist:\n  - a\n  - b\n---\n> quoted\n",
        ]
        for text in texts {
            let fromText = SourceFile.parse(text, displayPath: "content/a.md", relativePath: "a.md", contentHash: ContentHash.of([text]))
            let fromBytes = SourceFile.parse(utf8: Data(text.utf8), displayPath: "content/a.md", relativePath: "a.md",
                                             contentHash: ContentHash.of([text]), knownOutline: nil, tooDeep: { _ in nil })
            guard let fromBytes else {
                XCTFail("left to the text: \(text.prefix(60).debugDescription)")
                continue
            }
            assertSame(fromBytes, fromText, text)
        }
    }

    func testOtherShapesAreLeftToTheText() {
        let shapes: [(String, [UInt8])] = [
            ("a byte order mark", Array("\u{FEFF}---\nkind: page\n---\n".utf8)),
            ("Windows line ends", Array("---\r\nkind: page\r\n---\r\nBody\r\n".utf8)),
            ("a carriage return in the body", Array("---\nkind: page\n---\nold\rMac\n".utf8)),
            ("a zero byte", Array("---\nkind: page\n---\nzero \u{0} byte\n".utf8)),
            ("no front matter", Array("title: x\n".utf8)),
            ("front matter not closed", Array("---\ntitle: x\n".utf8)),
            ("nothing", []),
            ("invalid UTF-8 in the body", Array("---\nkind: page\n---\n".utf8) + [0xC3, 0x28, 0x0A]),
            ("invalid UTF-8 in the front matter", Array("---\ntitle: ".utf8) + [0xFF] + Array("\n---\n".utf8)),
            ("UTF-16", Array("---\nkind: page\n---\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
        ]
        for (shape, bytes) in shapes {
            var asked = false
            let result = SourceFile.parse(utf8: Data(bytes), displayPath: "a.md", relativePath: "a.md", contentHash: nil, knownOutline: nil,
                                          tooDeep: { _ in asked = true; return nil })
            XCTAssertNil(result, shape)
            XCTAssertFalse(asked, "nesting asked of \(shape)")
        }
    }

    /// Nesting is asked of the whole file once its bytes are known to be text, and its answer stands.
    func testNestingIsAskedOfTheWholeFile() throws {
        let text = "---\nkind: page\n---\n> > deep\n"
        var seen = 0
        let deep = Diagnostic.error("a.md", 4, .tooDeep, "too deep")
        let result = SourceFile.parse(utf8: Data(text.utf8), displayPath: "a.md", relativePath: "a.md", contentHash: nil, knownOutline: nil,
                                      tooDeep: { bytes in seen = bytes.count; return deep })
        XCTAssertEqual(seen, text.utf8.count)
        guard case .failure(let diagnostic)? = result else { return XCTFail("no failure") }
        XCTAssertEqual(diagnostic, deep)
    }

    /// A file with a known outline keeps its body as the bytes: it reads as the
    /// text does, and a search of it sees the body's bytes only, before and after it is read.
    func testBodyKeptAsBytesReadsAsItsText() throws {
        let texts = [
            "---\nkind: page\n---\nBody with FILL IN here\n", "---\ntitle: FILL IN\n---\nNo placeholder in the body\n",
            "---\nkind: page\n---\nCafé — “care” ✓, then FILL\nIN over two lines\n", "---\nkind: page\n---", "---\nkind: page\n---\nFILL IN",
        ] + (try FileTree(root: Repository.content).files.filter { $0.hasSuffix(".md") }.prefix(5).map {
            try String(contentsOf: Repository.content.appendingPathComponent($0), encoding: .utf8)
        })
        for text in texts {
            guard case .success(let fromText) = SourceFile.parse(text, displayPath: "a.md", relativePath: "a.md") else {
                XCTFail("not read: \(text.debugDescription)")
                continue
            }
            let expected = fromText.body.containsBytes(Placeholder.text)
            for readFirst in [false, true] {
                guard case .success(let kept)? = SourceFile.parse(utf8: Data(text.utf8), displayPath: "a.md", relativePath: "a.md", contentHash: nil,
                                                                 knownOutline: fromText.outline, tooDeep: { _ in nil }) else {
                    XCTFail("left to the text: \(text.debugDescription)")
                    continue
                }
                if readFirst { XCTAssertEqual(kept.body, fromText.body, text.debugDescription) }
                XCTAssertEqual(kept.markdown.contains(Placeholder.text), expected, text.debugDescription)
                XCTAssertEqual(kept.pageSource.body, fromText.body, text.debugDescription)
                XCTAssertEqual(kept.markdown.contains(Placeholder.text), expected, "once read: \(text.debugDescription)")
            }
        }
    }

    /// A content file is read through one descriptor: what a link or a pipe put in
    /// its place after the folder was read is not followed or waited on, and one
    /// over the limit is refused, however it grew.
    func testFileBytesReadsRegularFilesOnly() throws {
        let workspace = try Workspace()
        let folder = workspace.folder
        let file = folder.appendingPathComponent("page.md").path
        try Data("---\nkind: page\n---\nBody\n".utf8).write(to: URL(fileURLWithPath: file))
        guard case .read(let data, let stamp) = FileBytes.contents(of: file, limit: 1024) else { return XCTFail("not read") }
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "---\nkind: page\n---\nBody\n")
        XCTAssertEqual(stamp, FileStamp(path: file))
        guard case .read(let exact, _) = FileBytes.contents(of: file, limit: data.count) else { return XCTFail("a file of the limit's size refused") }
        XCTAssertEqual(exact, data)
        guard case .tooLarge(let size) = FileBytes.contents(of: file, limit: data.count - 1) else { return XCTFail("over the limit, read") }
        XCTAssertEqual(size, data.count)

        let link = folder.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        let pipe = folder.appendingPathComponent("pipe.md").path
        XCTAssertEqual(mkfifo(pipe, 0o644), 0)
        for path in [link, pipe, folder.path, folder.appendingPathComponent("missing.md").path] {
            guard case .unreadable = FileBytes.contents(of: path, limit: 1024) else { return XCTFail("read \(path)") }
        }
    }

    private func assertSame(_ bytes: Result<SourceFile, Diagnostic>, _ text: Result<SourceFile, Diagnostic>, _ input: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        let name = input.prefix(60).debugDescription
        switch (bytes, text) {
        case (.failure(let a), .failure(let b)):
            XCTAssertEqual(a, b, name, file: file, line: line)
        case (.success(let a), .success(let b)):
            XCTAssertEqual(a.body, b.body, name, file: file, line: line)
            XCTAssertEqual(a.bodyLineOffset, b.bodyLineOffset, name, file: file, line: line)
            XCTAssertEqual(a.outline, b.outline, name, file: file, line: line)
            XCTAssertEqual(a.contentHash, b.contentHash, name, file: file, line: line)
            XCTAssertEqual([a.displayPath, a.relativePath], [b.displayPath, b.relativePath], name, file: file, line: line)
            XCTAssertEqual(a.frontMatter.lines, b.frontMatter.lines, name, file: file, line: line)
            XCTAssertEqual([a.frontMatter.line, a.frontMatter.firstLine, a.frontMatter.lastLine],
                           [b.frontMatter.line, b.frontMatter.firstLine, b.frontMatter.lastLine], name, file: file, line: line)
            XCTAssertEqual(a.frontMatter.fields.map(\.key), b.frontMatter.fields.map(\.key), name, file: file, line: line)
            XCTAssertEqual(a.frontMatter.fields.map(\.line), b.frontMatter.fields.map(\.line), name, file: file, line: line)
            XCTAssertEqual(a.frontMatter.fields.map(\.value), b.frontMatter.fields.map(\.value), name, file: file, line: line)
        default:
            XCTFail("one way read \(name), the other did not: \(bytes) against \(text)", file: file, line: line)
        }
    }
}
