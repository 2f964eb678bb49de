import Foundation
import SiteModel

/// Formats of UK facts that content gives as text.
extension ContentValidator {
    /// UK postcodes as Royal Mail writes them: outward code, one space, inward code.
    static func isUKPostcode(_ text: String) -> Bool {
        ukPostcode.matches(text)
    }

    private static let ukPostcode = TextPattern(
        #"^([A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$"#)

    /// Eleven digits starting with 0; spaces between groups are allowed.
    static func isUKTelephone(_ text: String) -> Bool {
        ukTelephone.matches(text) && text.filter(\.isNumber).count == 11
    }

    private static let ukTelephone = TextPattern(#"^0[0-9 ]+$"#)

    /// A UK number in `+44` form without spaces.
    static let internationalTelephone = TextPattern(#"^\+44[1-9][0-9]{8,9}$"#)

    /// A DOI as written without `https://doi.org/`, and a PubMed number.
    static let doi = TextPattern(#"^10\.[0-9]{4,9}/\S+$"#)
    static let pmid = TextPattern(#"^[1-9][0-9]{0,8}$"#)
}
