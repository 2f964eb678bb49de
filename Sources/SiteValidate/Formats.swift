import Foundation

/// Formats of UK facts that content gives as text.
extension ContentValidator {
    /// UK postcodes as Royal Mail writes them: outward code, one space, inward code.
    static func isUKPostcode(_ text: String) -> Bool {
        text.range(of: #"^([A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$"#,
                   options: .regularExpression) != nil
    }

    /// Eleven digits starting with 0; spaces between groups are allowed.
    static func isUKTelephone(_ text: String) -> Bool {
        text.range(of: #"^0[0-9 ]+$"#, options: .regularExpression) != nil && text.filter(\.isNumber).count == 11
    }
}
