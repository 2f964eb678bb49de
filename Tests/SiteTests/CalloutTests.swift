import XCTest
@testable import SiteModel

/// GitHub's alert syntax, `> [!NOTE]` and its four siblings, as labelled asides.
final class CalloutTests: EditorMarkdownTestCase {
    func testEachAlertIsALabelledAside() throws {
        let kinds = ["NOTE": "Note", "tip": "Tip", "IMPORTANT": "Important", "Warning": "Warning", "CAUTION": "Caution"]
        let body = kinds.keys.sorted().map { "> [!\($0)]\n> Read [about us](about.md).\n" }.joined(separator: "\n")
        let html = try builtGuide(body)
        for (word, label) in kinds {
            XCTAssertTrue(html.contains("""
                <aside class="callout callout-\(word.lowercased())" aria-label="\(label)">
                <p class="callout-label">\(label)</p>
                <p>Read <a href="../about/">about us</a>.</p>
                </aside>
                """), "\(word): \(html)")
        }
        XCTAssertFalse(html.contains("[!"), html)
    }

    func testTheLabelLineMayStandAlone() throws {
        let html = try builtGuide("> [!WARNING]\n>\n> First.\n>\n> Second.\n")
        XCTAssertTrue(html.contains("""
            <p class="callout-label">Warning</p>
            <p>First.</p>
            <p>Second.</p>
            </aside>
            """), html)
    }

    func testUnknownAlertIsAnErrorOnItsLine() throws {
        let error = try assertGuideFails("Intro.\n\n> [!DANGER]\n> Keep away.\n", .unknownCallout, bodyLine: 3)
        XCTAssertTrue(error?.message.contains("[!CAUTION]") == true, "the message lists the alerts: \(String(describing: error))")
    }

    func testOtherQuotesStayQuotes() throws {
        let html = try builtGuide("> [!NOTE] on the label's line is a quote.\n\n> An ordinary quote.\n\n> [see this] too.\n")
        XCTAssertFalse(html.contains("<aside class=\"callout"), html)
        XCTAssertEqual(html.components(separatedBy: "<blockquote>").count - 1, 3, html)
    }
}
