import CBrotliDecoder
import CZlib
import Foundation
import XCTest
@testable import SiteCheck
@testable import SiteModel
@testable import SitePipeline
@testable import SiteWrite

/// `site build --compress`: a `.gz` and a `.br` beside each text file that
/// decode to its bytes, compressed again only when the file changed, and
/// under the same guard of the output folder as every other file.
final class CompressionTests: WorkspaceTestCase {
    func build(compress: Bool = true) throws -> BuildReport {
        try SiteBuilder(options: workspace.options(), steps: BuildStep.standard(check: false, compress: compress)).build()
    }

    func data(_ path: String) throws -> Data {
        try Data(contentsOf: workspace.output.appendingPathComponent(path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent(path).path)
    }

    func inode(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: workspace.output.appendingPathComponent(path).path)[.systemFileNumber] as? Int)
    }

    func testEveryTextFileHasCopiesThatDecodeToItsBytes() throws {
        let report = try build()
        let files = try FileTree.files(in: workspace.output)
        let texts = files.filter { OutputWriter.Staged.compressedExtensions.contains(($0 as NSString).pathExtension) }
        XCTAssertEqual(report.compressed, texts.count)
        var copies = 0
        for path in texts {
            let plain = try data(path)
            if exists(path + ".gz") {
                XCTAssertEqual(try Self.gunzip(data(path + ".gz"), size: plain.count), plain, path + ".gz")
                copies += 1
            }
            if exists(path + ".br") {
                XCTAssertEqual(try Self.unbrotli(data(path + ".br"), size: plain.count), plain, path + ".br")
                copies += 1
            }
        }
        for path in ["index.html", "about/index.html", "centres.json", "sitemap.xml"] {
            XCTAssertTrue(exists(path + ".gz") && exists(path + ".br"), path)
            XCTAssertLessThan(try data(path + ".br").count, try data(path).count / 2, path)
        }
        XCTAssertFalse(files.contains { $0.hasPrefix("images/scan.png.") }, "images are not compressed")
        let manifest = try XCTUnwrap(OutputManifest.read(from: workspace.folder.appendingPathComponent(".public.manifest.tsv")))
        XCTAssertEqual(manifest.files.count, files.count, "the manifest lists every file, copies included")
        XCTAssertEqual(files.count, report.files + copies)
        XCTAssertEqual(SiteChecker().check(folder: workspace.output, displayRoot: "public"), [], "the checker passes over the copies")
    }

    func testASecondBuildCompressesOnlyTheChangedPage() throws {
        _ = try build()
        let home = try inode("index.html.gz"), homeBrotli = try inode("index.html.br"), about = try inode("about/index.html.gz")
        try workspace.edit("about.md", replacing: "## ", with: "A new paragraph.\n\n## ")
        let report = try build()
        XCTAssertEqual(report.compressed, 1)
        XCTAssertGreaterThan(report.compressionReused, 5)
        XCTAssertEqual(try inode("index.html.gz"), home, "the unchanged page's copy is the last build's, linked")
        XCTAssertEqual(try inode("index.html.br"), homeBrotli)
        XCTAssertNotEqual(try inode("about/index.html.gz"), about)
        let page = try data("about/index.html")
        XCTAssertTrue(String(decoding: page, as: UTF8.self).contains("A new paragraph."))
        XCTAssertEqual(try Self.gunzip(data("about/index.html.gz"), size: page.count), page)
        XCTAssertEqual(try Self.unbrotli(data("about/index.html.br"), size: page.count), page)
    }

    func testABuildWithoutCompressingReplacesTheCopies() throws {
        let first = try build()
        XCTAssertTrue(exists("index.html.gz"))
        XCTAssertNil(try build(compress: false).compressed)
        XCTAssertFalse(try FileTree.files(in: workspace.output).contains { $0.hasSuffix(".gz") || $0.hasSuffix(".br") })
        let again = try build()
        XCTAssertEqual(again.compressed, first.compressed, "the last build left no copies to keep")
        XCTAssertEqual(again.compressionReused, 0)
    }

    func testACopyChangedByHandIsRefusedLikeAnyChangedFile() throws {
        _ = try build()
        let changed = workspace.output.appendingPathComponent("index.html.gz")
        try Data("not gzip".utf8).write(to: changed)
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.map(\.reason), [.outputChanged])
        XCTAssertEqual(errors.first?.file, workspace.output.path + "/index.html.gz")
        XCTAssertEqual(try Data(contentsOf: changed), Data("not gzip".utf8), "left as it was")
    }

    func testADeletedCopyIsWrittenAgain() throws {
        _ = try build()
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("index.html.br"))
        let report = try build()
        XCTAssertEqual(report.compressed, 1)
        let page = try data("index.html")
        XCTAssertEqual(try Self.unbrotli(data("index.html.br"), size: page.count), page)
    }

    func testOtherLevelsInTheManifestCompressEverythingAgain() throws {
        let first = try build()
        let url = workspace.folder.appendingPathComponent(".public.manifest.tsv")
        var manifest = try XCTUnwrap(OutputManifest.read(from: url))
        manifest.compression = "gzip 1, brotli 1"
        try manifest.encoded().write(to: url)
        XCTAssertEqual(try build().compressed, first.compressed)
    }

    // MARK: decoders, from the same system libraries

    static func gunzip(_ data: Data, size: Int) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw DecodeError() }
        defer { inflateEnd(&stream) }
        var output = Data(count: size + 1)
        let result = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { buffer -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END, stream.avail_in == 0 else { throw DecodeError() }
        output.count = Int(stream.total_out)
        return output
    }

    static func unbrotli(_ data: Data, size: Int) throws -> Data {
        var output = Data(count: size + 1)
        var decoded = output.count
        let result = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { buffer in
                BrotliDecoderDecompress(input.count, input.bindMemory(to: UInt8.self).baseAddress, &decoded,
                                        buffer.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        guard result == BROTLI_DECODER_RESULT_SUCCESS else { throw DecodeError() }
        output.count = decoded
        return output
    }

    struct DecodeError: Error {}
}
