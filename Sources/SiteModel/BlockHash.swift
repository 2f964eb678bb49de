import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash fed bytes as they come (`FileHash`, `FNV1a64`), of data or of a file read in blocks.
public protocol BlockHash {
    init()
    mutating func add(_ bytes: UnsafeRawBufferPointer)
    /// 16 hex digits.
    var digest: String { get }
}

extension BlockHash {
    public static func hash(_ data: Data) -> String {
        var hasher = Self()
        data.withUnsafeBytes { hasher.add($0) }
        return hasher.digest
    }

    /// A file's size and hash, read in blocks; nil when it cannot be read.
    public static func hash(file path: String) -> (size: Int, hash: String)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = Self()
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
