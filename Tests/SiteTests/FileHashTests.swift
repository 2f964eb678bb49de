import Foundation
import XCTest
@testable import SiteModel

/// The manifest's hash of a file is one value however its bytes arrive:
/// a page hashed whole as it is written, a copy read back in blocks.
final class FileHashTests: XCTestCase {
    func testBlocksOfAnySizeGiveTheValueOfTheWhole() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129, 200, 1_001] {
            let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let whole = FileHash.hash(data)
            let wholeByWords = WordHash.hash(data)
            for _ in 0..<20 {
                var hasher = FileHash(), words = WordHash()
                data.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(bytes.count, offset + Int.random(in: 0...(length > 100 ? 150 : 19), using: &generator))
                        hasher.add(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                        words.add(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                        offset = end
                    }
                }
                XCTAssertEqual(hasher.digest, whole, "\(length) bytes")
                XCTAssertEqual(words.digest, wholeByWords, "\(length) bytes")
            }
        }
    }

    /// `ContentHash` and `FileHash` read a long text in lanes: every bit of every
    /// lane, and of the bytes after the last whole block, changes the hash, and so
    /// does the order of blocks of sixteen bytes (a lane left out would not).
    func testEveryBitOfALongTextChangesItsHash() {
        let hashes: [(String, (Data) -> String)] = [("ContentHash", { ContentHash.of($0).hex }), ("FileHash", { FileHash.hash($0) })]
        var generator = SeededGenerator(seed: 20261130)
        for (name, hash) in hashes {
            for length in [63, 64, 65, 127, 128, 200, 1_001] {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let original = hash(Data(bytes))
                XCTAssertEqual(hash(Data(bytes)), original, "\(name): the same bytes, the same hash")
                var seen: Set<String> = [original]
                for index in bytes.indices {
                    var changed = bytes
                    changed[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                    seen.insert(hash(Data(changed)))
                }
                XCTAssertEqual(seen.count, length + 1, "\(name), \(length) bytes: a bit changed, the same hash")
                for block in stride(from: 16, to: length - 15, by: 16) {
                    let swapped = Array(bytes[block..<block + 16] + bytes[0..<16] + bytes[16..<block] + bytes[(block + 16)...])
                    if swapped != bytes { XCTAssertNotEqual(hash(Data(swapped)), original, "\(name), \(length) bytes, block at \(block) moved first") }
                }
            }
        }
    }

    func testAFileReadInBlocksHasTheValueOfItsBytes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("file-hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        // Past one block of the reader (64 KiB), and not a whole number of words.
        let data = Data((0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        try data.write(to: url)
        let read = try XCTUnwrap(FileHash.hash(file: url.path))
        XCTAssertEqual(read.size, data.count)
        XCTAssertEqual(read.hash, FileHash.hash(data))
        XCTAssertNil(FileHash.hash(file: url.path + "-missing"))
        XCTAssertEqual(FileHashing.fileHash.hash(file: url.path)?.hash, read.hash)
        XCTAssertEqual(FileHashing.fnv1a64.hash(file: url.path)?.hash, FNV1a64.hash(data))
    }

    func testEachByteAndTheLengthChangeTheValue() {
        let data = Data((0..<100).map { UInt8($0) })
        var seen: Set<String> = [FileHash.hash(data)]
        for index in data.indices {
            var changed = data
            changed[index] ^= 0x01
            seen.insert(FileHash.hash(changed))
        }
        // Runs of zeros of each length: the length is part of the value, not only the words.
        for length in 0...64 { seen.insert(FileHash.hash(Data(count: length))) }
        XCTAssertEqual(seen.count, 1 + 100 + 65)
        XCTAssertEqual(FileHash.hash(Data()).utf8.count, 16)
    }
}
