import Foundation
import XCTest
@testable import SiteCheck
@testable import SiteModel
@testable import SitePipeline

/// `aliases:`, the old addresses of a renamed page: each gets a redirect
/// page (meta refresh and canonical link, no script), not in the sitemap; an
/// alias that is a page's or another alias's address is an error naming both
/// files, and one a static host cannot serve a page at names why.
final class AliasTests: XCTestCase {
    var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    /// Gives about.md these aliases, one a line, right after `kind: page` (line 2): the first is on line 4.
    func alias(_ paths: [String], in file: String = "about.md") throws {
        let lines = paths.map { "  - \($0)" }.joined(separator: "\n")
        try workspace.edit(file, replacing: "---\nkind: page\n", with: "---\nkind: page\naliases:\n\(lines)\n")
    }

    func testEachOldAddressGetsARedirectPage() throws {
        try alias(["/old-about/", "news/about.html", "Who_We_Are"])
        let report = try SiteBuilder(options: workspace.options(), steps: BuildStep.standard(check: true)).build()
        XCTAssertEqual(report.redirects, 4)  // and the fixture's own, centres/oxford.md's /oxford/
        XCTAssertTrue(report.summary.contains(", 4 redirects ("), report.summary)
        for (file, back) in [("old-about/index.html", "../"), ("news/about.html", "../"), ("Who_We_Are/index.html", "../")] {
            let html = try workspace.read(file)
            XCTAssertTrue(html.contains(#"<meta http-equiv="refresh" content="0; url=\#(back)about/">"#), "\(file):\n\(html)")
            XCTAssertTrue(html.contains(#"<link rel="canonical" href="https://fixture.example/theranostics/about/">"#), file)
            XCTAssertTrue(html.contains(#"<a href="\#(back)about/">About</a>"#), file)
            XCTAssertTrue(html.contains("<title>About has moved | Fixture Theranostics</title>"), file)
            XCTAssertTrue(html.contains(#"<html lang="en-GB">"#) && html.contains("<h1>"), file)
            XCTAssertFalse(html.contains("<script") || html.contains("style="), file)
        }
        let sitemap = try workspace.read("sitemap.xml")
        XCTAssertFalse(sitemap.contains("old-about") || sitemap.contains("news") || sitemap.contains("Who_We_Are"), sitemap)
        XCTAssertTrue(sitemap.contains("<loc>https://fixture.example/theranostics/about/</loc>"))
    }

    func testARedirectAtTheRootLinksFromTheRoot() throws {
        try alias(["about-us.html"])
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("about-us.html").contains(#"content="0; url=about/""#))
    }

    func testAnAliasThatIsAPagesAddressNamesBothFiles() throws {
        let before = try snapshot(workspace.output)
        try alias(["/centres/", "services/psma"])
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.aliasClash, .aliasClash], "\(errors)")
        XCTAssertEqual(errors.map(\.file), [workspace.displayPath("about.md"), workspace.displayPath("about.md")])
        XCTAssertEqual(errors.map(\.line), [4, 5])
        XCTAssertTrue(errors[0].message.contains(workspace.displayPath("centres/index.md")), errors[0].message)
        XCTAssertTrue(errors[1].message.contains(workspace.displayPath("services/psma.md")), errors[1].message)
        XCTAssertEqual(try snapshot(workspace.output), before, "a failed build changed the output")
    }

    func testTwoPagesWithOneAliasNameEachOther() throws {
        let before = try snapshot(workspace.output)
        try alias(["/old/"])
        try workspace.edit("services/psma.md", replacing: "---\nkind: service\n", with: "---\nkind: service\naliases: [old]\n")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.aliasClash], "\(errors)")
        XCTAssertEqual(errors.first?.file, workspace.displayPath("services/psma.md"))
        XCTAssertEqual(errors.first?.line, 3)
        XCTAssertTrue(errors.first?.message.contains("also an alias of \(workspace.displayPath("about.md")):4") ?? false, "\(errors)")
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testOneAliasTwiceInAPage() throws {
        try alias(["old/", "/Old"])
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.aliasClash], "\(errors)")
        XCTAssertEqual(errors.first?.line, 5)
        XCTAssertTrue(errors.first?.message.contains("listed already on line 4") ?? false, "\(errors)")
    }

    func testAnAliasThatIsAPublishedFileOrThe404Page() throws {
        try alias(["404.html"])
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.aliasClash], "\(errors)")
        XCTAssertTrue(errors.first?.message.contains("404 page") ?? false, "\(errors)")
    }

    func testOldAddressesNoStaticHostCanServeAPageAt() throws {
        let before = try snapshot(workspace.output)
        let bad = ["https://fixture.example/theranostics/old/", "/old/?page=2", "/old/#top", "../up/", "/", "funding.php",
                   "a b/", "/theranostics/old/", "old//page/", "./old/", "'%20old/'"]
        try alias(bad)
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, Array(repeating: .badAlias, count: bad.count), "\(errors)")
        XCTAssertEqual(errors.map(\.line), Array(4..<(4 + bad.count)))
        XCTAssertTrue(errors.allSatisfy { $0.file == workspace.displayPath("about.md") })
        guard errors.count == bad.count else { return }
        XCTAssertTrue(errors[0].message.contains("full address"), errors[0].message)
        XCTAssertTrue(errors[5].message.contains("not an .html page"), errors[5].message)
        XCTAssertTrue(errors[7].message.contains("base path /theranostics/"), errors[7].message)
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testADraftsAliasesAreNotPublished() throws {
        try alias(["old-about/"])
        try workspace.edit("about.md", replacing: "nav: 2", with: "draft: true")
        try workspace.edit("services/psma.md", replacing: "(../about.md#evidence)", with: "(../index.md)")
        let report = try workspace.build()
        XCTAssertEqual(report.redirects, 1)  // the fixture's own, centres/oxford.md's /oxford/
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("old-about").path))
    }

    func testAliasPaths() {
        for written in ["/old-funding/", "old-funding/", "old-funding", " /old-funding "] {
            XCTAssertEqual(SitePaths.aliasPath(written, basePath: "/uk/theranostics/"), .path("old-funding/"), written)
        }
        XCTAssertEqual(SitePaths.aliasPath("/news/2024/funding.html", basePath: "/"), .path("news/2024/funding.html"))
        XCTAssertEqual(SitePaths.aliasPath("/uk/theranostics/old/", basePath: "/"), .path("uk/theranostics/old/"))
        if case .path = SitePaths.aliasPath("/uk/theranostics/old/", basePath: "/uk/theranostics/") { XCTFail("the base path is not below the root") }
    }

    /// `site check` on a built site: a redirect page is neither an orphan nor
    /// missing from the sitemap, but one that leads nowhere is a broken link.
    func testTheCheckerKnowsRedirectPages() throws {
        try alias(["old-about/"])
        _ = try workspace.build()
        XCTAssertEqual(SiteChecker().check(folder: workspace.output, displayRoot: "public"), [])
        let stale = workspace.output.appendingPathComponent("old-about/index.html")
        let html = try String(contentsOf: stale, encoding: .utf8).replacingOccurrences(of: "url=../about/", with: "url=../gone/")
        try Data(html.utf8).write(to: stale)
        let findings = SiteChecker().check(folder: workspace.output, displayRoot: "public")
        XCTAssertEqual(findings.reasons, [.brokenLink], "\(findings)")
        XCTAssertEqual(findings.first?.file, "public/old-about/index.html")
        XCTAssertEqual(HTMLPage.refreshURL("0; URL='../x/'"), "../x/")
        XCTAssertNil(HTMLPage.refreshURL("5"))
    }
}
