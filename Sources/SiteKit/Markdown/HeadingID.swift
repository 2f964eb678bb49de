import Foundation

/// Stable ids for headings, so that deep links keep working when a page is
/// rebuilt: the heading text, lower-cased, accents folded, every run of other
/// characters a single hyphen; repeats get `-2`, `-3`.
public enum HeadingID {
    /// Ids the page templates and the finder script use themselves; a heading
    /// never takes them (keep in step with `templates/` and `finder.js`).
    public static let reserved: Set<String> = [
        "main", "references", "review", "site-header", "site-footer", "navigation", "services-offered",
        "finder", "finder-status", "finder-query", "finder-hint", "finder-locate", "centre-list",
    ]

    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB")).lowercased()
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// Ids for headings in document order, unique within the page.
    public static func assign(_ texts: [String]) -> [String] {
        var used = reserved
        return texts.map { text in
            let base = slug(text)
            var candidate = base
            var counter = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
