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

extension String {
    /// `==`, told by the lengths first, which a native string keeps: most texts compared in a
    /// page's short lists (ids, links) differ in length, and comparing two strings' characters
    /// cost some 90 instructions each.
    @inlinable
    public func isSame(as other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}

public enum ByteSearch {
    @usableFromInline static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @usableFromInline static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// Whether any of eight bytes is `byte` (the classic test for a zero byte, exact as
    /// a whole: a borrow can only follow a byte that is zero).
    @inlinable @inline(__always)
    static func holds(_ eight: UInt64, _ byte: UInt8) -> Bool {
        let other = eight ^ (ones &* UInt64(byte))
        return (other &- ones) & ~other & highs != 0
    }

    /// Whether `eight` holds for each whole eight bytes and `one` for each byte after them.
    @inlinable @inline(__always)
    static func all(_ bytes: UnsafeBufferPointer<UInt8>, eight: (UInt64) -> Bool, one: (UInt8) -> Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index &+ 8 <= bytes.count {
            guard eight(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) else { return false }
            index &+= 8
        }
        while index < bytes.count {
            guard one(bytes[index]) else { return false }
            index &+= 1
        }
        return true
    }

    /// Whether the bytes are ASCII without a carriage return: eight told at once.
    @inlinable
    public static func isSingleByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        all(bytes, eight: { $0 & highs == 0 && !holds($0, 0x0D) }, one: { $0 < 0x80 && $0 != 0x0D })
    }

    /// Whether the bytes hold a tab, a line feed or a carriage return (what ends a field
    /// of the build's line files): eight told at once.
    public static func holdsFieldBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !all(bytes, eight: { !holds($0, 0x09) && !holds($0, 0x0A) && !holds($0, 0x0D) }, one: { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
    }

    /// Whether every byte is ASCII from `!` to `~` but `:`, `%` and `?` (a plain link's):
    /// eight told at once (to a byte below 0x80, adding 0x5F sets its high bit when it is
    /// past the space, adding 0x01 when it is DEL, with no carry).
    public static func isPlainReference(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        all(bytes, eight: { eight in
            eight & highs == 0 && (eight &+ 0x5F5F_5F5F_5F5F_5F5F) & highs == highs && (eight &+ ones) & highs == 0
                && !holds(eight, UInt8(ascii: ":")) && !holds(eight, UInt8(ascii: "%")) && !holds(eight, UInt8(ascii: "?"))
        }, one: { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ":") && byte != UInt8(ascii: "%") && byte != UInt8(ascii: "?")
        })
    }

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
        utf8.withContiguousStorageIfAvailable(ByteSearch.isSingleByte) ?? utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
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

    /// A number's decimal digits, written in place (a `String` of each cost some 300 instructions).
    public mutating func append(decimal number: UInt64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: a UInt64 has at most 20 digits
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var (value, index) = (number, buffer.count)
            repeat {
                index -= 1
                buffer[index] = 0x30 + UInt8(value % 10)
                value /= 10
            } while value > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }
}
