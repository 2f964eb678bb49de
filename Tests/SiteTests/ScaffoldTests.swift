import XCTest
@testable import SiteCheck
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
@testable import SiteScaffold
@testable import SiteValidate
@testable import SiteWrite

final class ScaffoldTests: XCTestCase {
    /// A new file has every field of its kind: validation complains only
    /// about the placeholders left to fill in, never about a missing field.
    func testNewFilesHaveEveryFieldAndOnlyPlaceholdersFail() throws {
        for kind in ContentScaffold.Kind.allCases {
            let workspace = try Workspace()
            let path = ContentScaffold.path(kind: kind, name: "Bristol Royal")
            try workspace.write(path, ContentScaffold.text(kind: kind, name: "Bristol Royal", today: Day(year: 2026, month: 11, day: 28)!))
            let errors = validate(workspace).1.filter { $0.severity == .error }
            XCTAssertFalse(errors.isEmpty, "\(kind)")
            for error in errors {
                XCTAssertEqual(error.file, workspace.displayPath(path), "\(kind): \(error)")
                XCTAssertEqual(error.reason, .placeholder, "\(kind): \(error)")
            }
        }
    }

    func testPathsFollowTheContentLayout() {
        XCTAssertEqual(ContentScaffold.path(kind: .centre, name: "Bristol Royal"), "centres/bristol-royal.md")
        XCTAssertEqual(ContentScaffold.path(kind: .service, name: "Lutetium PSMA"), "services/lutetium-psma.md")
        XCTAssertEqual(ContentScaffold.path(kind: .page, name: "Side effects"), "side-effects.md")
        XCTAssertEqual(ContentScaffold.path(kind: .reference, name: "hofman2021"), "references/hofman2021.md")
    }

    func testHeadingIdsIgnoreCitations() {
        let (html, _) = MarkdownFragment.render("## Response rates [@hofman2018]\n", file: "x.md")
        XCTAssertTrue(html.contains("<h2 id=\"response-rates\">"), html)
    }
}
