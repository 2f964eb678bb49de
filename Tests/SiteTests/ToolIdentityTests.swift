import CBuildID
import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline

/// The cache is keyed by the tool that wrote it: its build ID from the
/// running program's notes when the linker gave it one, its file's hash otherwise.
final class ToolIdentityTests: XCTestCase {
    /// One ELF note: sizes and type, the owner's name and the descriptor, each padded to `align`.
    private func note(name: [UInt8], type: UInt32, desc: [UInt8], align: Int = 4) -> [UInt8] {
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (align - bytes.count % align) % align) }
        var bytes: [UInt8] = []
        for word in [UInt32(name.count), UInt32(desc.count), type] { withUnsafeBytes(of: word.littleEndian) { bytes += $0 } }
        return bytes + padded(name) + padded(desc)
    }

    private func buildID(_ notes: [UInt8], align: Int = 4) -> [UInt8]? {
        notes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            var id: UnsafePointer<UInt8>?
            let length = site_notes_build_id(buffer.baseAddress, buffer.count, align, &id)
            guard length > 0, let id else { return nil }
            return Array(UnsafeBufferPointer(start: id, count: length))
        }
    }

    private let gnu: [UInt8] = Array("GNU\0".utf8)
    private let id: [UInt8] = [0xB4, 0xBF, 0xCF, 0x98, 0x73, 0xE0, 0x40, 0x9A, 0x07, 0xB3, 0xE4, 0x3E, 0x6E, 0x14, 0xF2, 0x55, 0xAB, 0x66, 0xB6, 0x54]

    func testTheBuildIDIsFoundAmongOtherNotes() {
        let abiTag = note(name: gnu, type: 1, desc: [0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        let gold = note(name: Array("GNU\0".utf8), type: 4, desc: Array("gold 1.16".utf8))
        XCTAssertEqual(buildID(abiTag + gold + note(name: gnu, type: 3, desc: id)), id)
        XCTAssertEqual(buildID(note(name: gnu, type: 5, desc: [1, 2, 3], align: 8) + note(name: gnu, type: 3, desc: id, align: 8), align: 8), id)
        // An odd-sized name and descriptor are padded.
        XCTAssertEqual(buildID(note(name: Array("Go\0".utf8), type: 3, desc: [9, 9, 9, 9, 9]) + note(name: gnu, type: 3, desc: [7, 7, 7])), [7, 7, 7])
    }

    /// Malformed notes give no build ID, and nothing past their end is read.
    func testMalformedNotesGiveNone() {
        let good = note(name: gnu, type: 3, desc: id)
        XCTAssertNil(buildID([]))
        XCTAssertNil(buildID(Array(good.prefix(11))), "a header cut short")
        XCTAssertNil(buildID(Array(good.prefix(good.count - 1))), "a descriptor cut short")
        XCTAssertNil(buildID(note(name: Array("GNV\0".utf8), type: 3, desc: id)), "another owner")
        XCTAssertNil(buildID(note(name: gnu, type: 2, desc: id)), "another type")
        XCTAssertNil(buildID(note(name: gnu, type: 3, desc: [])), "an empty ID")
        XCTAssertNil(buildID(good, align: 16), "an alignment notes never have")
        for (nameSize, descSize) in [(UInt32.max, UInt32(20)), (UInt32(4), UInt32.max), (UInt32.max - 2, UInt32.max - 2)] {
            var huge = good
            withUnsafeBytes(of: nameSize.littleEndian) { huge.replaceSubrange(0..<4, with: $0) }
            withUnsafeBytes(of: descSize.littleEndian) { huge.replaceSubrange(4..<8, with: $0) }
            XCTAssertNil(buildID(huge), "sizes \(nameSize), \(descSize)")
        }
    }

    #if os(Linux)
    /// The ID read from memory is the one `readelf` reads from the program's file.
    func testTheRunningProgramsBuildIDIsTheOneInItsFile() throws {
        let readelf = ["/usr/bin/readelf", "/bin/readelf"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try XCTUnwrap(readelf, "readelf (binutils, which ./build installs)"))
        process.arguments = ["-n", executable]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.contains("Build ID:") }, "the test program has a build ID")
        let hex = try XCTUnwrap(line.split(separator: " ").last)
        XCTAssertEqual(ToolIdentity.programBuildID()?.map { String(format: "%02x", $0) }.joined(), String(hex))
    }

    /// The build ID is the key, not a stamp a previous build recorded for the same file.
    func testTheToolIsKnownByItsBuildID() throws {
        let id = try XCTUnwrap(ToolIdentity.programBuildID())
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let stamp = try XCTUnwrap(FileStamp(path: path))
        let stale = ToolIdentity(path: path, size: stamp.size, inode: stamp.inode, modified: stamp.modified, hash: 42)
        let current = ToolIdentity.current(previous: stale)
        XCTAssertNotEqual(current.hash, 42)
        XCTAssertEqual(current, ToolIdentity.current(previous: nil))
        var hash = ContentHash()
        hash.add("build-id")
        id.withUnsafeBytes { hash.add($0) }
        XCTAssertEqual(current.hash, hash.value)
    }
    #else
    /// Without ELF notes (macOS), the tool is known by its file's hash.
    func testWithoutABuildIDTheToolsFileIsHashed() {
        XCTAssertNil(ToolIdentity.programBuildID())
        let identity = ToolIdentity.current(previous: nil)
        XCTAssertEqual(identity.hash, InputFingerprint.hash(identity.path).value)
    }
    #endif
}
