/// Element ids that the templates and the finder script give themselves.
/// Headings never take them, and links may name those a page really has.
/// Keep in step with `templates/` and `finder.js` (a test reads both).
public enum TemplateIDs {
    /// On every page, from the layout.
    public static let layout: Set<String> = ["main", "site-header", "site-footer", "navigation"]
    /// On a page with a review block.
    public static let review = "review"
    /// On a page that cites references.
    public static let references = "references"
    /// Only on some templates' pages: never a heading id, never a link target.
    public static let other: Set<String> = [
        "services-offered", "finder", "finder-status", "finder-query", "finder-hint", "finder-locate", "centre-list",
        "centres-map",
    ]
    /// Prefixes of numbered ids (`ref-1`, `cite-1-2`, `centre-oxford`).
    public static let prefixes = ["ref-", "cite-", "centre-"]

    public static let reserved: Set<String> = layout.union(other).union([review, references])

    /// Whether a heading may not take `id`.
    public static func isReserved(_ id: String) -> Bool {
        // Most ids start with a letter no reserved id or prefix starts with: told without hashing the id.
        if let first = id.utf8.first, first &- 0x61 < 26, firstLetters & 1 << (first &- 0x61) == 0 { return false }
        return reserved.contains(id) || hasNumberedPrefix(id)
    }

    /// The first letters (`a` the lowest bit) of the reserved ids and the numbered prefixes.
    static let firstLetters: UInt32 = (reserved.union(prefixes)).reduce(0) { letters, id in
        guard let first = id.utf8.first, first &- 0x61 < 26 else { return letters | UInt32.max }
        return letters | 1 << (first &- 0x61)
    }

    /// Whether `id` starts like a numbered id; compared on the bytes (the prefixes are ASCII).
    public static func hasNumberedPrefix(_ id: String) -> Bool {
        prefixes.contains { id.utf8.starts(with: $0.utf8) }
    }
}
