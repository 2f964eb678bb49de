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
        reserved.contains(id) || hasNumberedPrefix(id)
    }

    /// Whether `id` starts like a numbered id; compared on the bytes (the prefixes are ASCII).
    public static func hasNumberedPrefix(_ id: String) -> Bool {
        prefixes.contains { id.utf8.starts(with: $0.utf8) }
    }
}
