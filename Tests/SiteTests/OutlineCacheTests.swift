import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteModel
@testable import SitePipeline

/// The outlines a build keeps for the next one: read back as written, used
/// only for the very bytes they were made from, and nothing at all when the
/// file is not what a build wrote.
final class OutlineCacheTests: XCTestCase {
    private func realOutlines() -> [(ContentHash, MarkdownOutline, SourceFile.Front?)] {
        ContentLoader(directory: Repository.content, displayRoot: "content").load().sources.compactMap { source in
            source.contentHash.map { ($0, source.outline, source.front) }
        }
    }

    func testEveryContentFilesOutlineReadsBackAsWritten() {
        let outlines = realOutlines()
        XCTAssertGreaterThan(outlines.count, 20)
        XCTAssertTrue(outlines.contains { !$0.1.links.isEmpty && !$0.1.citations.isEmpty && !$0.1.headingIDs.isEmpty })
        let read = OutlineRecords.read(OutlineRecords.encode(outlines, tool: 42), tool: 42).outlines
        XCTAssertEqual(read.count, Set(outlines.map(\.0)).count)
        for (hash, outline, _) in outlines {
            XCTAssertEqual(read[hash], outline)
        }
        // Findings, raw HTML lines and images too.
        var odd = MarkdownOutline()
        odd.links = [.init(destination: "images/a b.png", line: 9, isImage: true)]
        odd.rawHTMLLines = [3, 4]
        odd.findings = [.init(line: 9, reason: .missingAltText, message: "image 'a b.png' has no alt text: say what it shows")]
        odd.citations = [.init(keys: ["a", "b-2"], line: 7)]
        XCTAssertEqual(OutlineRecords.read(OutlineRecords.encode([(ContentHash(value: 7), odd, nil)], tool: 1), tool: 1).outlines, [ContentHash(value: 7): odd])
    }

    /// An outline with a tab or a line break in any of its texts, or a citation of no
    /// keys, is not kept, nor is its file's front; the files around it are, whole.
    func testAnOutlineThatWouldNotReadBackIsNotKept() {
        var good = MarkdownOutline()
        good.headingIDs = ["one", "two"]
        good.links = [.init(destination: "a.md#one", line: 3, isImage: false)]
        good.citations = [.init(keys: ["a"], line: 4)]
        let front = SourceFile.Front(yaml: "title: a\n", bodyStart: 20, bodyLineOffset: 3)
        var broken: [MarkdownOutline] = []
        for text in ["\t", "\n", "\r"].flatMap({ ["a\($0)b", "words of more than eight bytes, then \($0) and more"] }) {
            var heading = good, link = good, key = good, finding = good
            heading.headingIDs.append(text)
            link.links.append(.init(destination: text, line: 5, isImage: true))
            key.citations.append(.init(keys: ["b", text], line: 6))
            finding.findings = [.init(line: 7, reason: .missingAltText, message: text)]
            broken += [heading, link, key, finding]
        }
        var noKeys = good
        noKeys.citations.append(.init(keys: [], line: 8))
        broken.append(noKeys)
        var files: [(ContentHash, MarkdownOutline, SourceFile.Front?)] = []
        for (index, outline) in broken.enumerated() {
            files.append((ContentHash(value: UInt64(2 * index)), good, front))
            files.append((ContentHash(value: UInt64(2 * index + 1)), outline, front))
        }
        files.append((ContentHash(value: 999), good, front))
        let read = OutlineRecords.read(OutlineRecords.encode(files, tool: 1), tool: 1)
        for (hash, outline, _) in files {
            let kept = hash.value % 2 == 0 || hash.value == 999
            XCTAssertEqual(read.outlines[hash], kept ? outline : nil, "\(hash.value)")
            XCTAssertEqual(read.fronts[hash], kept ? front : nil, "\(hash.value)")
        }
    }

    /// Each file's front (its YAML as written, where its body starts) reads back as written, tabs, blank lines and all.
    func testEveryContentFilesFrontReadsBackAsWritten() {
        let files = realOutlines()
        XCTAssertEqual(files.filter { $0.2 == nil }.count, 0)
        let fronts = OutlineRecords.read(OutlineRecords.encode(files, tool: 42), tool: 42).fronts
        XCTAssertEqual(fronts.count, Set(files.map(\.0)).count)
        for (hash, _, front) in files {
            XCTAssertEqual(fronts[hash], front)
        }
        let odd: [SourceFile.Front] = [
            .init(yaml: "", bodyStart: 8, bodyLineOffset: 2),
            .init(yaml: "title: a\tb\t\n\nsummary: \"Ünïcode — ✓\"\n  \n", bodyStart: 120, bodyLineOffset: 7),
            .init(yaml: "\t\n", bodyStart: 10, bodyLineOffset: 3),
        ]
        for (index, front) in odd.enumerated() {
            let hash = ContentHash(value: UInt64(index))
            XCTAssertEqual(OutlineRecords.read(OutlineRecords.encode([(hash, MarkdownOutline(), front)], tool: 1), tool: 1).fronts[hash], front,
                           front.yaml.debugDescription)
        }
        // YAML not as bytes give it (a line without its line break, a carriage return) is not kept; the outline is.
        for yaml in ["title: a", "title: a\r\n"] {
            let read = OutlineRecords.read(OutlineRecords.encode([(ContentHash(value: 1), MarkdownOutline(), .init(yaml: yaml, bodyStart: 9, bodyLineOffset: 3))],
                                                                 tool: 1), tool: 1)
            XCTAssertNil(read.fronts[ContentHash(value: 1)], yaml.debugDescription)
            XCTAssertEqual(read.outlines[ContentHash(value: 1)], MarkdownOutline())
        }
    }

    /// A file whose stamp gives its hash, with its front and outline known, is made without reading it; its body
    /// is read when asked for, and is empty and marked changed if the bytes are no longer the ones with that hash.
    func testAFileKnownByItsStampIsNotReadUntilItsBodyIsAskedFor() throws {
        let read = try XCTUnwrap(ContentLoader(directory: Repository.content, displayRoot: "content").load().sources.first { $0.relativePath == "evidence.md" })
        let (hash, front) = (try XCTUnwrap(read.contentHash), try XCTUnwrap(read.front))
        var planted = front
        planted.yaml = front.yaml.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Planted ")
        XCTAssertNotEqual(planted, front)
        func loaded(as known: ContentHash) throws -> SourceFile {
            var loader = ContentLoader(directory: Repository.content, displayRoot: "content")
            loader.knownOutlines = [known: read.outline]
            loader.knownFronts = [known: planted]
            loader.knownHash = { path, _ in path == "evidence.md" ? known : nil }
            return try XCTUnwrap(loader.load().sources.first { $0.relativePath == "evidence.md" })
        }
        let unread = try loaded(as: hash)
        XCTAssertEqual(unread.frontMatter["title"]?.value.scalar?.string, "Planted " + (read.frontMatter["title"]?.value.scalar?.string ?? ""))
        XCTAssertEqual(unread.front, planted)
        XCTAssertEqual(unread.bodyLineOffset, read.bodyLineOffset)
        XCTAssertEqual(unread.body, read.body)
        XCTAssertTrue(unread.markdown.contains("Most of the evidence"))
        XCTAssertFalse(unread.markdown.changedSinceLoad)
        // Another file's hash: the bytes read are not those.
        let changed = try loaded(as: ContentHash(value: 1))
        XCTAssertFalse(changed.markdown.contains("Most of the evidence"))
        XCTAssertEqual(changed.body, "")
        XCTAssertTrue(changed.markdown.changedSinceLoad)
        // Gone before its body is asked for: as changed.
        let workspace = try Workspace(copying: Repository.content)
        var loader = ContentLoader(directory: workspace.content, displayRoot: "content")
        (loader.knownOutlines, loader.knownFronts) = ([hash: read.outline], [hash: front])
        loader.knownHash = { path, _ in path == "evidence.md" ? hash : nil }
        let gone = try XCTUnwrap(loader.load().sources.first { $0.relativePath == "evidence.md" })
        try FileManager.default.removeItem(at: workspace.content.appendingPathComponent("evidence.md"))
        XCTAssertEqual(gone.body, "")
        XCTAssertTrue(gone.markdown.changedSinceLoad)
    }

    /// The next cache copies the records of the outlines it already held: the same bytes as writing them anew.
    func testRecordsCopiedFromTheLastCacheAreThoseWrittenAnew() {
        let outlines = realOutlines()
        let data = OutlineRecords.encode(outlines, tool: 42)
        let cached = OutlineRecords.read(data, tool: 42)
        XCTAssertEqual(cached.records.count, Set(outlines.map(\.0)).count)
        XCTAssertEqual(OutlineRecords.encode(outlines, tool: 42, reusing: cached), data)
        // One file edited (a new hash and outline), one gone, one order changed: as written anew.
        var next = Array(outlines.dropFirst().reversed())
        var edited = next[3].1
        edited.headingIDs.append("a-new-heading")
        next[3] = (ContentHash(value: 12345), edited, next[3].2)
        XCTAssertEqual(OutlineRecords.encode(next, tool: 42, reusing: cached), OutlineRecords.encode(next, tool: 42))
        // A cut file is no cache: its last record would run into the next one's line.
        XCTAssertTrue(OutlineRecords.read(data.dropLast(), tool: 42).records.isEmpty)
    }

    func testAnotherToolsOutlinesAreNotUsed() {
        let data = OutlineRecords.encode(realOutlines(), tool: 42)
        XCTAssertTrue(OutlineRecords.read(data, tool: 43).outlines.isEmpty)
    }

    func testAnOutlineWhoseTextsHoldATabOrLineBreakIsNotKept() {
        for destination in ["a\tb.md", "a\nb.md", "a\rb.md"] {
            var outline = MarkdownOutline()
            outline.links = [.init(destination: destination, line: 1, isImage: false)]
            let read = OutlineRecords.read(OutlineRecords.encode([(ContentHash(value: 1), outline, nil)], tool: 1), tool: 1).outlines
            XCTAssertNil(read[ContentHash(value: 1)], destination.debugDescription)
        }
    }

    func testRecordsThatAreNotABuildsAreNoCache() {
        let broken = ["", "file\t1\n", "tool\t1\nheading\tx\n", "tool\t1\nfile\tx\n", "tool\t1\nfile\t1\nlink\t1\t2\tx.md\n",
                      "tool\t1\nfile\t1\nlink\tone\t0\tx.md\n", "tool\t1\nfile\t1\nfinding\t1\tnoSuchReason\tx\n", "tool\t1\nfile\t1\ncite\t1\n",
                      "tool\t1\nfile\t1\nunknown\t1\n", "tool\t1\ntool\t1\n", "tool\t1\nfile\t99999999999999999999999\n",
                      "tool\t1\nfile\t1\nhtml\t-1\n", String(repeating: "\t", count: 1000), "tool\t1\nfile\t1\nheading\n",
                      "tool\t1\nfile\t1\nyaml\tx: 1\n", "tool\t1\nfile\t1\nfront\t9\n", "tool\t1\nfile\t1\nfront\tx\t3\n",
                      "tool\t1\nfile\t1\nfront\t9\t-3\n", "tool\t1\nfile\t1\nfront\t9\t3\nfront\t9\t3\n",
                      "tool\t1\nfile\t1\nfront\t9\t3\nheading\tx\nlink\t1\t0\tx.md\n", "tool\t1\nyaml\tx: 1\n"]
        for text in broken {
            XCTAssertTrue(OutlineRecords.read(Data(text.utf8), tool: 1).outlines.isEmpty, text.debugDescription)
        }
    }

    /// The loader takes a known outline only for the bytes it was made from.
    func testTheLoaderTakesAKnownOutlineOnlyForTheSameBytes() throws {
        let evidence = try Data(contentsOf: Repository.content.appendingPathComponent("evidence.md"))
        var planted = MarkdownOutline()
        planted.headingIDs = ["planted"]
        var loader = ContentLoader(directory: Repository.content, displayRoot: "content")
        loader.knownOutlines = [ContentHash.of(evidence): planted, ContentHash.of(Data("other bytes".utf8)): planted]
        let sources = loader.load().sources
        XCTAssertEqual(sources.first { $0.relativePath == "evidence.md" }?.outline, planted)
        XCTAssertEqual(sources.filter { $0.outline == planted }.count, 1)
    }
}
