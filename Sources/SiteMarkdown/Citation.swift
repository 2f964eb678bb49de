import Foundation
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
        var found: [Citation] = []
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let bracket = utf8[index...].firstIndex(of: UInt8(ascii: "[")) {
            let at = utf8.index(after: bracket)
            guard at < utf8.endIndex, utf8[at] == UInt8(ascii: "@") else {
                index = at
                continue
            }
            // The candidate ends at the first `]` or `[`, whichever comes first.
            guard let end = utf8[at...].firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[") }) else { break }
            guard utf8[end] == UInt8(ascii: "]") else {
                index = end
                continue
            }
            if let keys = keys(in: text[at..<end]) {
                found.append(Citation(keys: keys, range: bracket..<utf8.index(after: end)))
            }
            index = utf8.index(after: end)
        }
        return found
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
