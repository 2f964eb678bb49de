#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte: Foundation's
    /// `range(of:)` converts to UTF-16 first, slow on large pages.
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { needleBytes in
            utf8.withContiguousStorageIfAvailable { ByteSearch.contains(needleBytes, in: $0) }
                ?? String(self).containsBytes(String(decoding: needleBytes, as: UTF8.self))
        }
    }
}

public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard var from = haystack.baseAddress, haystack.count >= needle.count else { return false }
        let last = from + (haystack.count - needle.count)
        // memchr finds each candidate first byte; its last byte is compared before memcmp
        // compares the rest (a needle's first letter is often common in text, its pair less so).
        let end = needle.count - 1
        while from <= last, let hit = memchr(from, Int32(first), last - from + 1) {
            let candidate = hit.assumingMemoryBound(to: UInt8.self)
            if candidate[end] == needle[end], memcmp(candidate, needle.baseAddress!, needle.count) == 0 { return true }
            from = UnsafePointer(candidate + 1)
        }
        return false
    }
}

extension StringProtocol {
    /// ASCII without a carriage return: each byte is a character of its own, so
    /// searching and splitting the bytes is searching and splitting the characters.
    @inlinable
    public var isSingleByteText: Bool {
        // On the contiguous bytes: a generic walk of a substring's view costs twenty times more.
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
            ?? utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The Unicode scalar whose UTF-8 starts at `index`, and its width in bytes
    /// (ASCII answered without decoding; a byte that starts no scalar is U+FFFD, one byte wide).
    @inline(__always)
    public func scalar(at index: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let byte = self[index]
        guard byte >= 0x80 else { return (Unicode.Scalar(byte), 1) }
        var iterator = self[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return ("\u{FFFD}", 1) }
        return (scalar, UTF8.width(scalar))
    }
}
