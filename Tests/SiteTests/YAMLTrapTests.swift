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
        reviewed: 2026-01-10
        next_review: 2027-01-10
        reviewed_by: Fixture clinical team
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

    func commentWarnings(_ report: BuildReport) -> [Diagnostic] {
        report.warnings.filter { $0.reason == .commentInValue }
    }

    // MARK: - A ` #` in free text

    func testHashAfterAnUnquotedTitleIsAWarningOnItsLine() throws {
        try workspace.edit("about.md", replacing: "title: About", with: "title: Funding #1 guide")
        let report = try workspace.build()
        let warnings = commentWarnings(report)
        XCTAssertEqual(warnings.count, 1, "\(report.warnings)")
        XCTAssertEqual(warnings.first?.file, workspace.displayPath("about.md"))
        XCTAssertEqual(warnings.first?.line, 3)
        XCTAssertEqual(warnings.first?.severity, .warning)
        // What the warning is about: YAML gave the page the title "Funding".
        XCTAssertTrue(try workspace.read("about/index.html").contains("<h1>Funding</h1>"))
    }

    func testHashInEveryFreeTextFieldIsAWarning() throws {
        try workspace.edit("about.md", replacing: "description: About the fixture site,", with: "description: Our #1 guide to the fixture site,")
        try workspace.edit("about.md", replacing: "reviewed_by: Fixture clinical team", with: "reviewed_by: Team #2")
        try workspace.edit("index.md", replacing: "nav_title: Home", with: "nav_title: #1 Home")
        try workspace.edit("centres/oxford.md", replacing: "name: Oxford", with: "name: Oxford #2")
        try workspace.edit("centres/oxford.md", replacing: "services:", with: "description: Our Oxford centre #2 of twelve.\nservices:")
        let found = commentWarnings(try workspace.build()).map { "\($0.file):\($0.line)" }
        XCTAssertEqual(Set(found), [
            workspace.displayPath("about.md") + ":4",
            workspace.displayPath("about.md") + ":8",
            workspace.displayPath("index.md") + ":6",
            workspace.displayPath("centres/oxford.md") + ":4",
            workspace.displayPath("centres/oxford.md") + ":15",
        ])
        XCTAssertEqual(found.count, 5)
    }

    func testQuotedValuesKeepTheirHashWithoutAWarning() throws {
        try workspace.edit("about.md", replacing: "title: About", with: "title: \"Funding #1 guide\"")
        try workspace.edit("index.md", replacing: "nav_title: Home", with: "nav_title: '#1 Home'")
        try workspace.edit("centres/oxford.md", replacing: "name: Oxford", with: "name: Oxford C# centre")
        let report = try workspace.build()
        XCTAssertEqual(commentWarnings(report), [])
        XCTAssertTrue(try workspace.read("about/index.html").contains("<h1>Funding #1 guide</h1>"))
        XCTAssertTrue(try workspace.read("index.html").contains("#1 Home"))
        XCTAssertTrue(try workspace.read("centres/oxford/index.html").contains("Oxford C# centre"))
    }

    func testCommentsAfterOtherFieldsStayAllowed() throws {
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2  # position in the menu")
        try workspace.edit("about.md", replacing: "reviewed: 2026-01-10", with: "reviewed: 2026-01-10 # by the clinical lead")
        try workspace.edit("centres/oxford.md", replacing: "postcode: OX4 6LB", with: "postcode: OX4 6LB  # main entrance")
        try workspace.edit("centres/oxford.md", replacing: "latitude: 51.726", with: "latitude: 51.726  # town level")
        let report = try workspace.build()
        XCTAssertEqual(report.warnings, [])
    }

    // MARK: - Keys that only YAML's tag rules tell apart

    /// Front matter is composed with a resolver of no rules, and again with
    /// YAML's own where the two could differ (`FrontMatter.compose`): a key
    /// given as `1` and as `!!int 1` is the same key to YAML's rules alone, so
    /// the error is Yams' own, on the line of the first of them (the site's
    /// own check would name the second).
    func testAKeyRepeatedUnderATagIsTheErrorYAMLGives() throws {
        try writeNewPage(title: "title: Funding", extra: "1: a\n!!int 1: b\n")
        try assertBuildFails("funding.md", line: 8, reason: .repeatedField)
    }

    /// `true` and `"true"` are two keys to YAML's rules (a boolean and a
    /// string) and one to a resolver without them: the site's own check names
    /// the second, as before.
    func testAKeyRepeatedInQuotesIsNamedOnItsSecondLine() throws {
        try writeNewPage(title: "title: Funding", extra: "true: a\n\"true\": b\n")
        try assertBuildFails("funding.md", line: 9, reason: .repeatedField)
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

    // MARK: - A value over several lines

    func testBlockScalarInAOneLineFieldIsAnError() throws {
        for block in ["|", ">", "|-", ">-"] {
            try writeNewPage(title: "title: \(block)\n  Funding\n  guide")
            try assertBuildFails("funding.md", line: 3, reason: .multiLineValue)
        }
    }

    func testUnquotedValueOverTwoLinesIsAnError() throws {
        try writeNewPage(title: "title: Funding\n  guide")
        try assertBuildFails("funding.md", line: 3, reason: .multiLineValue)
    }

    func testQuotedValueOverTwoLinesIsAnError() throws {
        try workspace.edit("references/hofman2018.md", replacing: "radionuclide treatment (LuPSMA trial)\"",
                           with: "radionuclide treatment\n  (LuPSMA trial)\"")
        try assertBuildFails("references/hofman2018.md", line: 8, reason: .multiLineValue)
    }

    func testMultiLineValueInANestedFieldIsAnError() throws {
        try writeNewCentre(coordinates: "  latitude: 51.385\n  longitude: >\n    -2.391\n  approximate: true")
        try assertBuildFails("centres/bath.md", line: 12, reason: .multiLineValue)
    }

    /// One line of text on the line after its key is still one line; so are comments and blank lines after it.
    func testOneLineValueBelowItsKeyIsFine() throws {
        try writeNewPage(title: "title:\n  Funding guide\n\n# more fields below", extra: "nav: 4\n")
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("funding/index.html").contains("<h1>Funding guide</h1>"))
    }
}
