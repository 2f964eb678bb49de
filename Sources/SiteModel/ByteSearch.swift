#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte: Foundation's
    /// `range(of:)` converts to UTF-16 first, slow on large pages. Inlinable, so that
    /// a caller's `String` is not read through the protocol (some 450 instructions a call).
    @inlinable
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
        firstOffset(of: UnsafeRawBufferPointer(needle), in: UnsafeRawBufferPointer(haystack)) != nil
    }

    /// Where `needle` first occurs in `haystack`, as an offset from its start.
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let first = needle.first else { return 0 }
        guard let start = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        var from = start
        let last = start + (haystack.count - needle.count)
        // memchr finds each candidate first byte; its last byte is compared before memcmp
        // compares the rest (a needle's first letter is often common in text, its pair less so).
        let end = needle.count - 1
        while from <= last, let hit = memchr(from, Int32(first), last - from + 1) {
            let candidate = UnsafeRawPointer(hit)
            if candidate.load(fromByteOffset: end, as: UInt8.self) == needle[end], memcmp(candidate, needle.baseAddress!, needle.count) == 0 {
                return start.distance(to: candidate)
            }
            from = candidate + 1
        }
        return nil
    }

    /// Where `needle` last occurs in `haystack`, as an offset from its start: Horspool's
    /// search from the end, each window passed over by as many bytes as its first byte
    /// allows (a long needle in a large file, such as a record's key in the build's cache).
    public static func lastOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Int? {
        let count = needle.count
        guard count > 0 else { return haystack.count }
        guard let start = haystack.baseAddress, let needleStart = needle.baseAddress, count <= haystack.count else { return nil }
        // For each byte, how far the needle moves back when a window starts with it: to its nearest place in the needle after the first.
        var skip = [Int](repeating: count, count: 256)
        for index in stride(from: count - 1, through: 1, by: -1) { skip[Int(needle[index])] = index }
        var offset = haystack.count - count
        let first = needle[0]
        while offset >= 0 {
            // The window's first byte first: memcmp called at every window cost more than the rest of the search.
            if haystack[offset] == first, memcmp(start + offset, needleStart, count) == 0 { return offset }
            offset -= skip[Int(haystack[offset])]
        }
        return nil
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

extension Array<UInt8> {
    /// A literal's bytes, copied as they are: `append(contentsOf: "…".utf8)` went through
    /// the string's view, some 160 instructions a piece of a citation's or a table's HTML.
    public mutating func append(literal text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A string's bytes, copied from its storage.
    public mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
