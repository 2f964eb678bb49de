import Foundation

/// The one rule that turns text into a URL-safe token: lower case, accents
/// folded, every run of other characters a single hyphen. Heading ids and the
/// file names of new content files are made by it.
public enum Slug {
    public static func make(_ text: String) -> String {
        // NFKC first, so that compatibility forms keep their letters and
        // digits: superscript ¹⁷⁷ is 177, the ligature ﬁ is fi, full-width Ａ is A.
        let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB")).lowercased()
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}
