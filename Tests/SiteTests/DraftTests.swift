import Foundation
import XCTest
@testable import SiteCheck
@testable import SiteModel
@testable import SitePipeline

/// Drafts are left out of a build and their problems are warnings; the
/// preview shows them with a banner. Unlisted pages are published without
/// a place in the navigation.
final class DraftTests: XCTestCase {
    var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    /// A half-written page: a placeholder, a broken link, an unknown citation.
    let halfDone = """
    ---
    kind: page
    title: Side effects
    description: FILL IN
    draft: true
    reviewed: 2026-01-10
    next_review: 2027-01-10
    reviewed_by: Fixture clinical team
    ---

    FILL IN the page, see [nowhere](nowhere.md) and [@nobody].
    """

    func testADraftIsLeftOutAndItsProblemsAreWarnings() throws {
        try workspace.write("side-effects.md", halfDone)
        let report = try workspace.build()
        XCTAssertEqual(report.draftsLeftOut, 1)
        XCTAssertTrue(report.summary.contains("left out 1 draft"), report.summary)
        let own = report.warnings.filter { $0.file == workspace.displayPath("side-effects.md") }
        XCTAssertEqual(Set(own.reasons), [.placeholder, .brokenLink, .unknownCitation], "\(report.warnings)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("side-effects").path))
        XCTAssertFalse(try workspace.read("sitemap.xml").contains("side-effects"))
    }

    func testADraftCentreIsNotInTheCentreIndex() throws {
        try workspace.edit("centres/oxford.md", replacing: "services:", with: "draft: true\nservices:")
        try workspace.edit("index.md", replacing: "(centres/oxford.md)", with: "(centres/index.md)")
        let report = try workspace.build()
        XCTAssertEqual(report.centres, 0)
        XCTAssertFalse(try workspace.read("centres.json").contains("oxford"))
        XCTAssertFalse(try workspace.read("centres/index.html").contains("Oxford"))
    }

    func testAPublishedPageMayNotLinkToADraft() throws {
        let before = try snapshot(workspace.output)
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\ndraft: true")
        let errors = workspace.failingBuild()
        // The home page and the service page link to the draft.
        XCTAssertEqual(Set(errors.reasons), [.linkToDraft], "\(errors)")
        XCTAssertTrue(errors.allSatisfy { $0.message.contains(workspace.displayPath("about.md")) }, "the error names the draft")
        XCTAssertTrue(errors.contains { $0.file == workspace.displayPath("services/psma.md") && $0.line == 16 }, "\(errors)")
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testFrontMatterThatDoesNotParseIsAnErrorEvenInADraft() throws {
        try workspace.write("broken.md", "---\ndraft: true\ntitle: [unclosed\n---\n")
        XCTAssertEqual(workspace.failingBuild().reasons, [.yamlSyntax])
    }

    func testDraftMustBeTrueOrFalse() throws {
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\ndraft: maybe")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.wrongType])
        XCTAssertEqual(errors.first?.line, 6)
    }

    func testThePreviewShowsDraftsWithABanner() throws {
        try workspace.write("side-effects.md", halfDone.replacingOccurrences(of: "description: FILL IN", with: "description: Side effects."))
        var options = workspace.options()
        options.includeDrafts = true
        let report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.draftsLeftOut, 0)
        let page = try workspace.read("side-effects/index.html")
        XCTAssertTrue(page.contains("<p class=\"draft-banner\">Draft: not published</p>"), page)
        XCTAssertFalse(try workspace.read("about/index.html").contains("draft-banner"))
    }

    func testAnUnlistedPageIsPublishedOutsideTheNavigationAndIsNoOrphan() throws {
        try workspace.write("offer.md", """
        ---
        kind: page
        title: Campaign
        description: A page reached from a leaflet.
        unlisted: true
        reviewed: 2026-01-10
        next_review: 2027-01-10
        reviewed_by: Fixture clinical team
        ---

        Read [about us](about.md).
        """)
        let report = try SiteBuilder(options: workspace.options(), steps: BuildStep.standard(check: true)).build()
        XCTAssertTrue(report.checked)
        XCTAssertTrue(try workspace.read("sitemap.xml").contains("/offer/</loc>"))
        XCTAssertFalse(try workspace.read("index.html").contains("Campaign"), "unlisted pages are not in the navigation")
    }

    func testAnOrphanIsStillAnOrphan() throws {
        try workspace.write("lost.md", "---\nkind: page\ntitle: Lost\ndescription: Nobody links here.\nreviewed: 2026-01-10\nnext_review: 2027-01-10\nreviewed_by: Team\n---\n")
        XCTAssertThrowsError(try SiteBuilder(options: workspace.options(), steps: BuildStep.standard(check: true)).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.reasons, [.orphanPage])
        }
    }

    func testUnlistedWithNavIsAnError() throws {
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\nunlisted: true")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.conflictingFields])
        XCTAssertEqual(errors.first?.line, 6)
    }
}
