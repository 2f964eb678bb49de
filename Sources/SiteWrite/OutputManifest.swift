import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a build wrote into the output folder: every file with its size and
/// hash, and every folder. Kept beside the output folder (never uploaded
/// with the site); the next build replaces the folder only if it still
/// holds exactly these files, unchanged.
public struct OutputManifest: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public let path: String
        public let size: Int
        /// FNV-1a 64 of the bytes, 16 hex digits.
        public let fnv1a64: String
    }

    public var version = 1
    public var folders: [String]
    public var files: [File]

    public init(folders: [String], files: [File]) {
        self.folders = folders.sorted()
        self.files = files.sorted { $0.path < $1.path }
    }

    public static func read(from url: URL) -> OutputManifest? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(OutputManifest.self, from: data)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// FNV-1a, 64 bits. The manifest tells a build's own files from files
/// changed by hand or by accident, not from an attacker's, so a fast
/// non-cryptographic hash with the size beside it is enough; Foundation
/// has no SHA-256 on Linux, and a crypto package for this would be one
/// more dependency.
public struct FNV1a64 {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// 16 hex digits.
    var digest: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hash(_ data: Data) -> String {
        var hasher = FNV1a64()
        data.withUnsafeBytes { hasher.add($0) }
        return hasher.digest
    }

    /// A file's size and hash, read in blocks; nil when it cannot be read.
    public static func hash(file path: String) -> (size: Int, hash: String)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = FNV1a64()
        var size = 0
        let complete = withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 16) { buffer -> Bool in
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count == 0 { return true }
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                hasher.add(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                size += count
            }
        }
        return complete ? (size, hasher.digest) : nil
    }
}
