import XCTest
@testable import SiteModel

/// A link titled "button", alone in its paragraph, is a call-to-action button.
final class ButtonTests: EditorMarkdownTestCase {
    func testALinkTitledButtonAloneIsAButton() throws {
        let html = try builtGuide("Ready?\n\n[Refer a *patient*](about.md \"button\")\n")
        XCTAssertTrue(html.contains(#"<p><a class="button" href="../about/">Refer a <em>patient</em></a></p>"#), html)
        XCTAssertFalse(html.contains("title=\"button\""), html)
    }

    func testOtherTitlesStayTitles() throws {
        let html = try builtGuide("[About us](about.md \"Who we are\")\n")
        XCTAssertTrue(html.contains(#"<p><a href="../about/" title="Who we are">About us</a></p>"#), html)
    }

    func testAButtonSharingItsParagraphIsAnError() throws {
        try assertGuideFails("Intro.\n\nCall us or [refer a patient](about.md \"button\").\n", .misplacedButton, bodyLine: 3)
    }
}
