import Foundation

/// The one rule that turns text into a URL-safe token: lower case, accents
/// folded, every run of other characters a single hyphen. Heading ids and the
/// file names of new content files are made by it.
public enum Slug {
    public static func make(_ text: String) -> String {
        // ASCII needs no normalising or folding (most headings): lower-cased byte by byte.
        if text.isSingleByteText { return hyphenated(text.lowercased()) }
        return hyphenated(folded(text))
    }

    /// NFKC first, so that compatibility forms keep their letters and
    /// digits: superscript ¹⁷⁷ is 177, the ligature ﬁ is fi, full-width Ａ is A.
    static func folded(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB")).lowercased()
    }

    /// ASCII letters and digits kept, every run of anything else one hyphen.
    static func hyphenated(_ folded: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) {
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
