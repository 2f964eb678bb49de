import Foundation

/// A citation written in Markdown as `[@key]` or `[@key1; @key2]`.
public struct Citation: Equatable, Sendable {
    public let keys: [String]
    /// Where the citation stands in the text it was found in.
    public let range: Range<String.Index>

    /// All citations in a run of text, left to right. Bracketed text that is
    /// not a list of `@key`s is left alone (it is ordinary prose).
    public static func scan(_ text: String) -> [Citation] {
        var found: [Citation] = []
        var searchStart = text.startIndex
        // A plain character search: this runs on every text node of every page.
        while let bracket = text[searchStart...].firstIndex(of: "[") {
            let at = text.index(after: bracket)
            guard at < text.endIndex, text[at] == "@" else {
                searchStart = at
                continue
            }
            let open = bracket..<text.index(after: at)
            guard let close = text[open.upperBound...].firstIndex(of: "]") else { break }
            let inner = text[at..<close]
            let parts = inner.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let keys = parts.compactMap { part -> String? in
                guard part.hasPrefix("@") else { return nil }
                let key = String(part.dropFirst())
                return isKey(key) ? key : nil
            }
            if keys.count == parts.count {
                found.append(Citation(keys: keys, range: open.lowerBound..<text.index(after: close)))
                searchStart = text.index(after: close)
            } else {
                searchStart = open.upperBound
            }
        }
        return found
    }

    public static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
        }
    }
}
