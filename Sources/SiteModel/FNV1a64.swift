import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FNV-1a, 64 bits. The manifest tells a build's own files from files
/// changed by hand or by accident, not from an attacker's, so a fast
/// non-cryptographic hash with the size beside it is enough; Foundation
/// has no SHA-256 on Linux, and a crypto package for this would be one
/// more dependency. The same hash names fingerprinted assets (`styles.3f2a9c1b.css`).
public struct FNV1a64 {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// 16 hex digits.
    var digest: String { value.hexDigits }

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
