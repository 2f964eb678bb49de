import Foundation

/// The one rule that turns text into a URL-safe token: lower case, accents
/// folded, every run of other characters a single hyphen. Heading ids and the
/// file names of new content files are made by it.
public enum Slug {
    public static func make(_ text: String) -> String {
        // ASCII needs no normalising or folding (most headings): lower-cased byte by byte, by `hyphenated`.
        if text.isSingleByteText { return hyphenated(text) }
        return hyphenated(folded(text))
    }

    /// NFKC first, so that compatibility forms keep their letters and
    /// digits: superscript ¹⁷⁷ is 177, the ligature ﬁ is fi, full-width Ａ is A.
    static func folded(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB")).lowercased()
    }

    /// ASCII letters (in lower case) and digits kept, every run of anything else one hyphen.
    static func hyphenated(_ folded: String) -> String {
        // Written into the string's own storage: made in an array first, then copied into
        // a string, a heading's slug cost some 2,000 instructions.
        let slug = String(unsafeUninitializedCapacity: folded.utf8.count) { out in
            var count = 0
            var pendingHyphen = false
            // Bytes beyond ASCII are never letters or digits here: each run of them is a hyphen as its characters would be.
            for byte in folded.utf8 {
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) {
                    if pendingHyphen && count > 0 {
                        out[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    pendingHyphen = false
                    out[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    count += 1
                } else {
                    pendingHyphen = true
                }
            }
            return count
        }
        return slug.isEmpty ? "section" : slug
    }
}
