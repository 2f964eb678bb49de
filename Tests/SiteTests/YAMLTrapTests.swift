import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteModel
@testable import SitePipeline

/// YAML that reads differently from what an editor meant: a ` #` that starts
/// a comment, a tab, a `: ` in a value, a value over several lines. Each runs
/// the real build on a copy of the fixture site that was built once, and a
/// failed build must leave that first output as it was, byte for byte.
final class YAMLTrapTests: XCTestCase {
    var workspace: Workspace!
    var firstOutput: [String: Data] = [:]

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
        firstOutput = try snapshot(workspace.output)
        XCTAssertFalse(firstOutput.isEmpty)
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    /// A new page no other file links to, so a file that does not load breaks nothing else.
    func writeNewPage(title: String, extra: String = "") throws {
        try workspace.write("funding.md", """
        ---
        kind: page
        \(title)
        description: How treatment is paid for, for tests of values that YAML reads in its own way.
        reviewed: 2026-01-10
        next_review: 2027-01-10
        reviewed_by: Fixture clinical team
        \(extra)---

        ## Funding

        Text.

        """)
    }

    /// A new centre no other file links to, in the shape of the fixture's Oxford centre.
    func writeNewCentre(coordinates: String) throws {
        try workspace.write("centres/bath.md", """
        ---
        kind: centre
        id: bath
        name: Bath
        address:
          - Combe Park
        town: Bath
        postcode: BA1 3NG
        telephone: 01753 418 444
        coordinates:
        \(coordinates)
        services: []
        ---

        Call to arrange an appointment.

        """)
    }

    /// The build fails with exactly one error, of `reason`, on `line` of `path`,
    /// and leaves the output of the first build untouched.
    func assertBuildFails(_ path: String, line: Int, reason: Reason, file: StaticString = #filePath, sourceLine: UInt = #line) throws {
        let errors = workspace.failingBuild(file: file, line: sourceLine)
        XCTAssertEqual(errors.count, 1, "\(errors)", file: file, line: sourceLine)
        if let error = errors.first {
            XCTAssertEqual(error.reason, reason, "\(error)", file: file, line: sourceLine)
            XCTAssertEqual(error.file, workspace.displayPath(path), "\(error)", file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: sourceLine)
        }
        XCTAssertEqual(try snapshot(workspace.output), firstOutput, "a failed build changed the output", file: file, line: sourceLine)
    }

    // MARK: - A tab in the indentation

    func testTabIndentationIsNamedOnItsLine() throws {
        try writeNewCentre(coordinates: "  latitude: 51.385\n\tlongitude: -2.391\n  approximate: true")
        try assertBuildFails("centres/bath.md", line: 12, reason: .tabIndentation)
    }

    func testTabIndentationInSiteSettingsCountsFromLineOne() throws {
        try workspace.edit("site.yaml", replacing: "provider: FixtureCare", with: "\t provider: FixtureCare")
        try assertBuildFails("site.yaml", line: 2, reason: .tabIndentation)
    }

    // MARK: - A `: ` in an unquoted value

    func testColonInAnUnquotedValueAsksForQuotes() throws {
        try writeNewPage(title: "title: Funding: FAQs #1")
        try assertBuildFails("funding.md", line: 3, reason: .colonInValue)
    }

    func testColonInAnUnquotedSettingAsksForQuotes() throws {
        try workspace.edit("site.yaml", replacing: "title: Fixture Theranostics", with: "title: Theranostics: the fixture")
        try assertBuildFails("site.yaml", line: 1, reason: .colonInValue)
    }

    func testColonInAQuotedValueIsText() throws {
        try writeNewPage(title: "title: \"Funding: FAQs #1\"")
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("funding/index.html").contains("<h1>Funding: FAQs #1</h1>"))
    }
}
