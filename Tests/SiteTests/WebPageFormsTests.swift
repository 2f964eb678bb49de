import XCTest
@testable import SiteModel
@testable import SiteRender

/// A page's `WebPage` node is written in a form the encoder made once for the
/// site; it must be what the encoder writes for the page, byte for byte,
/// whatever the page's strings and the site's settings hold.
final class WebPageFormsTests: XCTestCase {
    private let settings = SiteSettings(title: "Theranostics", provider: "GenesisCare UK", paths: SitePaths(baseURL: "https://example.org/theranostics/"),
                                        telephone: "0808 156 3481", telephoneInternational: "+448081563481")

    /// Strings a title or description may hold: each ASCII byte (quotes, backslashes, slashes, controls, `<`),
    /// and beyond ASCII the separators JavaScript reads as line ends, a byte-order mark, an accent that
    /// combines with what stands before it, an emoji and the forms' own marks.
    private static let strings: [String] = (0..<0x80).map { "a\(Character(Unicode.Scalar(UInt8($0))))b" }
        + ["", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{0301}start", "end\u{0301}", "🙂", "\u{E000}3\u{E001}", "\"\u{E000}3\u{E001}\"",
           "Lutetium-177 \"PSMA\" \\ </script>", "line\nbreak\ttab\r"]

    private func facts(_ string: String, optional: Int) -> StructuredData.PageFacts {
        StructuredData.PageFacts(type: "MedicalWebPage", id: string + "#webpage", url: string, name: string, description: "About " + string,
                                 lastReviewed: optional & 1 != 0 ? "2026-11-30" : nil, reviewedBy: optional & 2 != 0 ? string : nil,
                                 about: optional & 4 != 0 ? string + "#therapy" : nil)
    }

    private func assertWrittenAsTheEncoderWrites(settings: SiteSettings, file: StaticString = #filePath, line: UInt = #line) {
        let forms = WebPageForms(settings: settings)
        for optional in 0..<8 {
            for string in Self.strings {
                let facts = facts(string, optional: optional)
                let encoded = StructuredData.encodeNode(StructuredData.webPage(facts, settings: settings))
                XCTAssertEqual(forms.json(facts) ?? encoded, encoded, "\(optional) \(string.debugDescription)", file: file, line: line)
            }
        }
    }

    func testEveryPageStringIsWrittenAsTheEncoderWritesIt() {
        assertWrittenAsTheEncoderWrites(settings: settings)
        // And the forms are used: a page with plain strings is written from one.
        let forms = WebPageForms(settings: settings)
        for optional in 0..<8 {
            XCTAssertNotNil(forms.json(facts("Who may benefit", optional: optional)), "\(optional)")
        }
    }

    /// `site.yaml` is content: settings holding the forms' marks, quotes or controls give a form
    /// that is still the encoder's, or none (and the encoder writes each page).
    func testSettingsHoldingMarksQuotesOrControlsStillGiveTheEncodersText() {
        for provider in ["\u{E000}3\u{E001}", "\"\u{E000}3\u{E001}\"", "\u{E000}", "Say \"hi\" \\ \n", "\u{E000}9\u{E001}"] {
            var settings = settings
            settings.provider = provider
            settings.telephoneInternational = provider
            assertWrittenAsTheEncoderWrites(settings: settings)
        }
    }

    /// The quotes the encoder would put around a string, read from the encoder for every scalar class.
    func testAStringIsQuotedAsTheEncoderQuotesIt() {
        for string in Self.strings {
            XCTAssertEqual(WebPageForms.quoted(string), StructuredData.encodeNode(string), string.debugDescription)
        }
    }
}
