import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiteModel

/// A citation written in Markdown as `[@key]` or `[@key1; @key2]`.
public struct Citation: Equatable, Sendable {
    public let keys: [String]
    /// Where the citation stands in the text it was found in.
    public let range: Range<String.Index>

    /// All citations in a run of text, left to right. Bracketed text that is
    /// not a list of `@key`s is left alone (it is ordinary prose). A citation
    /// holds no `[`, so the text is read once: linear time whatever its shape.
    public static func scan(_ text: String) -> [Citation] {
        // Most runs of text cite nothing: told by one byte search.
        guard text.containsBytes("[@") else { return [] }
        var copy = text
        let citations = copy.withUTF8 { found(in: $0) }
        let utf8 = text.utf8
        return citations.map { citation in
            Citation(keys: citation.keys, range: utf8.index(utf8.startIndex, offsetBy: citation.bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: citation.bytes.upperBound))
        }
    }

    /// A citation found in UTF-8 bytes: its keys, and where it stands as byte offsets.
    public struct Found: Equatable, Sendable {
        public let keys: [String]
        public let bytes: Range<Int>
    }

    /// `scan` on bytes (a node's literal, with no string made of it), left to right.
    public static func found(in bytes: UnsafeBufferPointer<UInt8>) -> [Found] {
        citations(in: bytes, keepingKeys: true)
    }

    /// Where the citations stand in UTF-8 bytes, as offsets: `scan`'s ranges, without their keys made.
    public static func byteRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        citations(in: bytes, keepingKeys: false).map(\.bytes)
    }

    /// Each citation's keys (none kept unless asked: each is still read) and its bytes' offsets.
    private static func citations(in bytes: UnsafeBufferPointer<UInt8>, keepingKeys: Bool) -> [Found] {
        guard let base = bytes.baseAddress else { return [] }
        var found: [Found] = []
        var index = 0
        while index < bytes.count, let hit = memchr(base + index, Int32(UInt8(ascii: "[")), bytes.count - index) {
            let bracket = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            let at = bracket + 1
            guard at < bytes.count, bytes[at] == UInt8(ascii: "@") else {
                index = at
                continue
            }
            // The candidate ends at the first `]` or `[`, whichever comes first.
            var end = at
            while end < bytes.count, bytes[end] != UInt8(ascii: "]"), bytes[end] != UInt8(ascii: "[") { end += 1 }
            guard end < bytes.count else { break }
            guard bytes[end] == UInt8(ascii: "]") else {
                index = end
                continue
            }
            let inner = UnsafeBufferPointer(rebasing: bytes[at..<end])
            // Keys are ASCII: other bytes (a no-break space beside a key, say) are read as characters.
            let keys = inner.allSatisfy { $0 < 0x80 } ? keys(inASCII: inner, keeping: keepingKeys)
                : keys(in: Substring(decoding: inner, as: UTF8.self))
            if let keys { found.append(Found(keys: keys, bytes: bracket..<(end + 1))) }
            index = end + 1
        }
        return found
    }

    /// `keys(in:)` on ASCII bytes, each part read in place (split into an array of parts first,
    /// a citation cost some 1,400 instructions).
    static func keys(inASCII inner: UnsafeBufferPointer<UInt8>, keeping: Bool = true) -> [String]? {
        var keys: [String] = []
        var from = 0
        while true {
            var to = from
            while to < inner.count, inner[to] != UInt8(ascii: ";") { to += 1 }
            var start = from, end = to
            while start < end, inner[start] == 0x20 || inner[start] == 0x09 { start += 1 }
            while end > start, inner[end - 1] == 0x20 || inner[end - 1] == 0x09 { end -= 1 }
            guard start < end, inner[start] == UInt8(ascii: "@") else { return nil }
            let key = UnsafeBufferPointer(rebasing: inner[(start + 1)..<end])
            guard !key.isEmpty, key.allSatisfy(isKeyByte) else { return nil }
            if keeping { keys.append(String(decoding: key, as: UTF8.self)) }
            guard to < inner.count else { return keys }
            from = to + 1
        }
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
    }

    /// `@a; @b` as its keys, or nil when any part is not `@key`.
    static func keys(in inner: Substring) -> [String]? {
        var keys: [String] = []
        for part in inner.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = trimmingSpaces(part)
            guard trimmed.hasPrefix("@") else { return nil }
            let key = String(trimmed.dropFirst())
            guard isKey(key) else { return nil }
            keys.append(key)
        }
        return keys
    }

    public static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        }
    }

    /// `text` without the horizontal space at its ends.
    static func trimmingSpaces(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalSpace }), let last = scalars.lastIndex(where: { !$0.isHorizontalSpace }) else {
            return text[text.endIndex...]
        }
        return Substring(scalars[first...last])
    }
}
