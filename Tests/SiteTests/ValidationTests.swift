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

/// One test per validation rule: each breaks the valid fixture in one place
/// and expects exactly that error, on the right file and line.
final class ValidationTests: WorkspaceTestCase {
    func errors() -> [Diagnostic] {
        validate(workspace).1.filter { $0.severity == .error }
    }

    func assertSingleError(_ file: String, line: Int, reason: Reason, _ source: StaticString = #filePath, _ sourceLine: UInt = #line) {
        let found = errors()
        XCTAssertEqual(found.count, 1, "\(found)", file: source, line: sourceLine)
        guard let error = found.first else { return }
        XCTAssertEqual(error.file, workspace.displayPath(file), file: source, line: sourceLine)
        XCTAssertEqual(error.line, line, "\(error)", file: source, line: sourceLine)
        XCTAssertEqual(error.reason, reason, "\(error)", file: source, line: sourceLine)
    }

    func testTheFixtureIsValid() {
        let (site, diagnostics) = validate(workspace)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(site?.pages.count, 5)
        XCTAssertEqual(site?.references.count, 2)
    }

    func testUnknownKind() throws {
        try workspace.edit("about.md", replacing: "kind: page", with: "kind: article")
        assertSingleError("about.md", line: 2, reason: .unknownKind)
    }

    func testMissingField() throws {
        try workspace.edit("about.md", replacing: "title: About\n", with: "")
        assertSingleError("about.md", line: 1, reason: .missingField)
    }

    /// A template is named, never a path: content may not reach a file outside `templates/`.
    func testTemplateGivenAsAPath() throws {
        for template in ["../../etc/passwd", "partials/layout", "..", "page\u{301}/x"] {
            try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\ntemplate: \"\(template)\"")
            assertSingleError("about.md", line: 6, reason: .badFormat)
            try workspace.edit("about.md", replacing: "nav: 2\ntemplate: \"\(template)\"", with: "nav: 2")
        }
    }

    func testUnknownFieldIsATypo() throws {
        try workspace.edit("about.md", replacing: "nav: 2", with: "navv: 2")
        assertSingleError("about.md", line: 5, reason: .unknownField)
    }

    func testMistypedField() throws {
        try workspace.edit("references/hofman2018.md", replacing: "year: 2018", with: "year: twenty")
        assertSingleError("references/hofman2018.md", line: 10, reason: .wrongType)
    }

    func testListFieldGivenAsText() throws {
        try workspace.edit("centres/oxford.md", replacing: "address:\n  - Sandy Lane West\n  - Peters Way", with: "address: Sandy Lane West")
        assertSingleError("centres/oxford.md", line: 5, reason: .wrongType)
    }

    func testMalformedPostcode() throws {
        try workspace.edit("centres/oxford.md", replacing: "OX4 6LB", with: "OX46LB")
        assertSingleError("centres/oxford.md", line: 9, reason: .badFormat)
    }

    func testPostcodeRule() {
        for good in ["OX4 6LB", "ME19 4UA", "B74 3BF", "SW1A 1AA", "W1A 0AX", "EC1A 1BB", "CB8 7XN"] {
            XCTAssertTrue(ContentValidator.isUKPostcode(good), good)
        }
        for bad in ["ox4 6lb", "OX46LB", "OX4  6LB", "QX4 6LB", "OX4 6CB", "12345", ""] {
            XCTAssertFalse(ContentValidator.isUKPostcode(bad), bad)
        }
    }

    /// A compiled pattern answers as `range(of:options: .regularExpression)` does, for the formats' patterns,
    /// one that does not compile, and drawn texts of their characters, spaces of several kinds and line breaks.
    func testACompiledPatternMatchesAsTheStringSearchDoes() {
        let patterns = [#"^\+44[1-9][0-9]{8,9}$"#, #"^10\.[0-9]{4,9}/\S+$"#, #"^[1-9][0-9]{0,8}$"#, #"^0[0-9 ]+$"#, #"\son[a-z]+\s*="#, "("]
        let pieces = ["+44", "0", "1", "9", "10.", "1056", "/", "x", "on", "load", "=", " ", "\u{A0}", "\t", "\n", "é", "\u{301}", "OX4 6LB", "-"]
        var generator = SeededGenerator(seed: 20261130)
        let drawn = (0..<2000).map { _ in (0..<Int.random(in: 0..<7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        var matched = Set<String>()
        for pattern in patterns {
            let compiled = TextPattern(pattern)
            for text in drawn + ["+441753418444", "10.1056/NEJMoa1607427", "10.1056/NEJM oa", "123", "0123\n", "<a onclick =", ""] {
                let found = text.range(of: pattern, options: .regularExpression) != nil
                XCTAssertEqual(compiled.matches(text), found, "\(pattern) in \(text.debugDescription)")
                if found { matched.insert(pattern) }
            }
        }
        XCTAssertEqual(matched.count, patterns.count - 1, "each pattern that compiles matched some text")
    }

    func testBadDate() throws {
        try workspace.edit("about.md", replacing: "reviewed: 2026-01-10", with: "reviewed: 2026-02-30")
        assertSingleError("about.md", line: 6, reason: .wrongType)
    }

    func testNextReviewAtMostThreeYearsLater() throws {
        try workspace.edit("about.md", replacing: "next_review: 2029-01-10", with: "next_review: 2029-01-11")
        assertSingleError("about.md", line: 7, reason: .reviewDates)
    }

    func testNextReviewBeforeReviewed() throws {
        try workspace.edit("about.md", replacing: "next_review: 2029-01-10", with: "next_review: 2025-01-10")
        assertSingleError("about.md", line: 7, reason: .reviewDates)
    }

    func testOverdueReviewIsAWarningOnly() throws {
        let loaded = ContentLoader(directory: workspace.content, displayRoot: workspace.content.path).load()
        let (site, diagnostics) = ContentValidator(today: Day(year: 2027, month: 6, day: 1)).validate(loaded)
        XCTAssertNotNil(site)
        XCTAssertEqual(diagnostics.filter { $0.severity == .warning }.count, 4, "every page and the centre")
        XCTAssertEqual(Set(diagnostics.reasons), [.reviewOverdue])
    }

    func testDuplicateCentreId() throws {
        try workspace.write("centres/oxford-2.md", try String(contentsOf: workspace.content.appendingPathComponent("centres/oxford.md"), encoding: .utf8))
        let found = errors()
        XCTAssertTrue(found.contains { $0.reason == .badFormat && $0.file == workspace.displayPath("centres/oxford-2.md") }, "\(found)")
        XCTAssertTrue(found.contains { $0.reason == .duplicate }, "\(found)")
    }

    func testAReferenceKeyIsItsFileName() throws {
        try workspace.write("references/copy.md", try String(contentsOf: workspace.content.appendingPathComponent("references/hofman2018.md"), encoding: .utf8))
        assertSingleError("references/copy.md", line: 3, reason: .badFormat)
    }

    func testDuplicateOutputPath() throws {
        try workspace.write("about/index.md", "---\nkind: page\ntitle: Again\ndescription: Same URL.\nreviewed: 2026-01-10\nnext_review: 2027-01-10\nreviewed_by: Team\n---\n")
        assertSingleError("about/index.md", line: 1, reason: .duplicate)
    }

    func testUnknownCitation() throws {
        try workspace.edit("about.md", replacing: "[@strosberg2017; @hofman2018]", with: "[@strosberg2016; @hofman2018]")
        assertSingleError("about.md", line: 13, reason: .unknownCitation)
    }

    func testUnknownInternalLinkTarget() throws {
        try workspace.edit("index.md", replacing: "(centres/oxford.md)", with: "(centres/oxfrod.md)")
        assertSingleError("index.md", line: 14, reason: .brokenLink)
    }

    func testUnknownAnchor() throws {
        try workspace.edit("services/psma.md", replacing: "../about.md#evidence", with: "../about.md#evidnce")
        assertSingleError("services/psma.md", line: 16, reason: .brokenAnchor)
    }

    func testTemplateIDsThePageHasAreLinkTargets() throws {
        try workspace.edit("services/psma.md", replacing: "../about.md#evidence", with: "../about.md#review")
        XCTAssertEqual(errors(), [], "the page template renders #review on a reviewed page")
        try workspace.edit("services/psma.md", replacing: "../about.md#review", with: "../about.md#finder")
        assertSingleError("services/psma.md", line: 16, reason: .brokenAnchor)
    }

    func testRawHTMLIsRejected() throws {
        try workspace.edit("about.md", replacing: "## Evidence", with: "<div class=\"x\">Hi</div>\n\n## Evidence")
        assertSingleError("about.md", line: 11, reason: .rawHTML)
    }

    func testUnsafeLinkScheme() throws {
        try workspace.edit("about.md", replacing: "(index.md#welcome-2)", with: "(javascript:alert(1))")
        assertSingleError("about.md", line: 13, reason: .forbiddenLink)
    }

    func testUnknownServiceAtCentre() throws {
        try workspace.edit("centres/oxford.md", replacing: "  - psma", with: "  - octreotate")
        assertSingleError("centres/oxford.md", line: 15, reason: .unknownService)
    }

    func testApproximateMustBeTrue() throws {
        try workspace.edit("centres/oxford.md", replacing: "approximate: true", with: "approximate: false")
        assertSingleError("centres/oxford.md", line: 14, reason: .badFormat)
    }

    func testReferenceFilesHaveNoBody() throws {
        try workspace.edit("references/strosberg2017.md", replacing: "pmid: 28076709\n---\n", with: "pmid: 28076709\n---\nA note that would be lost.\n")
        assertSingleError("references/strosberg2017.md", line: 16, reason: .referenceBody)
    }

    func testAllErrorsAreReportedAtOnce() throws {
        try workspace.edit("centres/oxford.md", replacing: "OX4 6LB", with: "nowhere")
        try workspace.edit("about.md", replacing: "reviewed: 2026-01-10", with: "reviewed: yesterday")
        try workspace.edit("index.md", replacing: "[@hofman2018]", with: "[@nobody]")
        XCTAssertEqual(errors().reasons.sorted { $0.rawValue < $1.rawValue }, [.badFormat, .unknownCitation, .wrongType])
    }
}
