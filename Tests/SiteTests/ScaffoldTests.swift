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
    /// A new file has every field of its kind: validation finds only the
    /// placeholders left to fill in, never a missing field.
    func testNewFilesHaveEveryFieldAndOnlyPlaceholdersFail() throws {
        for kind in ContentScaffold.Kind.allCases {
            let workspace = try Workspace()
            let path = ContentScaffold.path(kind: kind, name: "Bristol Royal")
            try workspace.write(path, ContentScaffold.text(kind: kind, name: "Bristol Royal"))
            let findings = validate(workspace).1
            XCTAssertFalse(findings.isEmpty, "\(kind)")
            // A new page, service or centre is a draft: its placeholders block nothing yet.
            XCTAssertEqual(findings.hasErrors, kind == .reference, "\(kind): \(findings)")
            for finding in findings {
                XCTAssertEqual(finding.file, workspace.displayPath(path), "\(kind): \(finding)")
                XCTAssertEqual(finding.reason, .placeholder, "\(kind): \(finding)")
            }
        }
    }

    /// `site new` makes up no review: the dates and the reviewer are left to
    /// fill in, each a placeholder error on its own line.
    func testNewPagesLeaveTheReviewToFillIn() throws {
        for kind in [ContentScaffold.Kind.page, .service] {
            let workspace = try Workspace()
            let path = ContentScaffold.path(kind: kind, name: "Side effects")
            let text = ContentScaffold.text(kind: kind, name: "Side effects")
            try workspace.write(path, text)
            let frontMatter = try SourceFile.parse(text, displayPath: path, relativePath: path).get().frontMatter
            let placeholderLines = Set(validate(workspace).1.filter { $0.reason == .placeholder }.map(\.line))
            for key in ["reviewed", "next_review", "reviewed_by"] {
                let field = try XCTUnwrap(frontMatter[key], "\(kind) \(key)")
                XCTAssertTrue(field.value.scalar?.string.hasPrefix(Placeholder.text) == true, "\(kind) \(key)")
                XCTAssertTrue(placeholderLines.contains(field.line), "\(kind) \(key): \(placeholderLines)")
            }
        }
    }

    /// New pages, services and centres start as drafts; references have no draft field.
    func testNewPagesAreDrafts() throws {
        for kind in ContentScaffold.Kind.allCases {
            let text = ContentScaffold.text(kind: kind, name: "Bristol Royal")
            let frontMatter = try SourceFile.parse(text, displayPath: "new.md", relativePath: "new.md").get().frontMatter
            XCTAssertEqual(frontMatter["draft"]?.value.scalar?.string, kind == .reference ? nil : "true", "\(kind)")
        }
    }

    /// Every value made from the name reads back exactly as given, whatever
    /// YAML would make of it unquoted.
    func testNamesReadBackExactlyAsGiven() throws {
        let names = [
            "Funding: FAQs #1", "Funding #1 guide", "[177Lu]-PSMA explained", "{Lutetium}", "Men's health",
            "The \"PSMA\" trial", "'Quoted' at the start", "\"Quoted\" at the start", "@home care", "*Starred* centre",
            "&anchor", "!tag", "%percent", "`code`", "| pipe", "> arrow", "- dash", "? question", "a: b: c", "ends with a colon:",
            "null", "~", "true", "2026-01-10", "12", "Saint-Étienne – centre", "Tab\tinside", "Plain title",
        ]
        for name in names {
            for kind in ContentScaffold.Kind.allCases {
                let text = ContentScaffold.text(kind: kind, name: name)
                let path = ContentScaffold.path(kind: kind, name: name)
                let frontMatter: FrontMatter
                switch SourceFile.parse(text, displayPath: path, relativePath: path) {
                case .success(let source): frontMatter = source.frontMatter
                case .failure(let diagnostic):
                    XCTFail("\(kind) '\(name)': \(diagnostic)")
                    continue
                }
                let slug = Slug.make(name)
                switch kind {
                case .page:
                    XCTAssertEqual(frontMatter["title"]?.value.scalar?.string, name)
                case .service:
                    XCTAssertEqual(frontMatter["title"]?.value.scalar?.string, name)
                    XCTAssertEqual(frontMatter["id"]?.value.scalar?.string, slug)
                case .centre:
                    XCTAssertEqual(frontMatter["name"]?.value.scalar?.string, name)
                    XCTAssertEqual(frontMatter["id"]?.value.scalar?.string, slug)
                case .reference:
                    XCTAssertEqual(frontMatter["key"]?.value.scalar?.string, slug)
                }
            }
        }
    }

    /// The validator reads the quoted title as it was given, with no warning
    /// about `#` and no error but the placeholders.
    func testAQuotedTitleValidatesAsGiven() throws {
        let workspace = try Workspace()
        let name = "Funding: FAQs #1"
        let path = ContentScaffold.path(kind: .page, name: name)
        try workspace.write(path, ContentScaffold.text(kind: .page, name: name))
        let diagnostics = validate(workspace).1
        XCTAssertEqual(Set(diagnostics.reasons), [.placeholder], "\(diagnostics)")
        XCTAssertTrue(diagnostics.allSatisfy { $0.file == workspace.displayPath(path) })
    }

    /// A new centre says, in its front matter, how to find its coordinates.
    func testANewCentreSaysHowToFindItsCoordinates() throws {
        let text = ContentScaffold.text(kind: .centre, name: "Bath")
        let frontMatter = try SourceFile.parse(text, displayPath: "bath.md", relativePath: "bath.md").get().frontMatter
        let latitudeLine = try XCTUnwrap(frontMatter.line(of: try XCTUnwrap(frontMatter["coordinates"]?.value.mapping?.keys.first)))
        let comments = frontMatter.lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        let advice = comments.joined(separator: " ")
        XCTAssertTrue(advice.contains("https://www.openstreetmap.org"), advice)
        XCTAssertTrue(advice.contains("'Show address'"), advice)
        XCTAssertTrue(advice.contains("3 decimals"), advice)
        // The advice stands right above the latitude.
        XCTAssertEqual(frontMatter.sourceLine(latitudeLine - 1).map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }, true)
        XCTAssertEqual(frontMatter.sourceLine(latitudeLine)?.trimmingCharacters(in: .whitespaces).hasPrefix("latitude:"), true)
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
