import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteModel
@testable import SitePipeline
#if canImport(Glibc)
import Glibc
#endif

/// Content is not trusted: each bad or hostile input gives one error about
/// its own file and line, with the build failing and the previous output
/// left byte for byte as it was; nothing outside the content folder is read.
final class HostileInputTests: XCTestCase {
    var workspace: Workspace!
    var before: [String: Data] = [:]

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
        before = try snapshot(workspace.output)
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    /// The build fails with exactly these reasons, the first on `file` and
    /// `line`; the output is as it was.
    func assertRefused(_ reasons: [Reason], _ file: String, line: Int? = nil, templates: URL = Repository.templates,
                       _ source: StaticString = #filePath, _ sourceLine: UInt = #line) throws {
        let errors = workspace.failingBuild(templates: templates)
        XCTAssertEqual(errors.reasons, reasons, "\(errors)", file: source, line: sourceLine)
        XCTAssertEqual(errors.first?.file, file, file: source, line: sourceLine)
        if let line { XCTAssertEqual(errors.first?.line, line, "\(errors)", file: source, line: sourceLine) }
        XCTAssertEqual(try snapshot(workspace.output), before, "the output changed", file: source, line: sourceLine)
    }

    func content(_ path: String) -> String { workspace.displayPath(path) }

    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: workspace.content.appendingPathComponent(path).path, withDestinationPath: target)
    }

    // MARK: Nothing outside content/

    func testASymlinkedFolderIsAnErrorAndNotRead() throws {
        try link("etcdir", to: "/etc")
        try assertRefused([.notARegularFile], content("etcdir"))
    }

    func testASymlinkedFileIsAnError() throws {
        try link("passwd.txt", to: "/etc/passwd")
        try assertRefused([.notARegularFile], content("passwd.txt"))
    }

    func testASymlinkLoopGivesOneError() throws {
        try link("loop", to: ".")
        try assertRefused([.notARegularFile], content("loop"))
    }

    #if canImport(Glibc)
    func testAFIFOIsAnErrorAndDoesNotHang() throws {
        XCTAssertEqual(mkfifo(workspace.content.appendingPathComponent("pipe.png").path, 0o644), 0)
        try assertRefused([.notARegularFile], content("pipe.png"))
    }
    #endif

    // MARK: Only what a site publishes

    func testHTMLInContentIsAnError() throws {
        try workspace.write("evil.html", "<script>alert(1)</script>")
        try assertRefused([.fileType], content("evil.html"))
    }

    func testAnIndexHTMLDoesNotBecomeAPage() throws {
        try workspace.write("offers/index.html", "<h1>Offer</h1>")
        try assertRefused([.fileType], content("offers/index.html"))
    }

    func testScriptAndXMLAreErrors() throws {
        try workspace.write("app.js", "alert(1)")
        try workspace.write("feed.xml", "<x/>")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.fileType, .fileType])
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testAnUnknownFileTypeIsAnError() throws {
        try workspace.write("images/notes.docx", "x")
        try assertRefused([.fileType], content("images/notes.docx"))
    }

    func testWellKnownFilesArePublished() throws {
        try workspace.write(".well-known/security.txt", "Contact: mailto:security@fixture.example\n")
        _ = try workspace.build()
        XCTAssertEqual(try workspace.read(".well-known/security.txt"), "Contact: mailto:security@fixture.example\n")
    }

    func testAVerificationFileNamedInSettingsIsPublished() throws {
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "verification_files:\n  - google1a2b3c.html\ntelephone: ")
        try workspace.write("google1a2b3c.html", "google-site-verification: google1a2b3c.html\n")
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("google1a2b3c.html").hasPrefix("google-site-verification"))
    }

    func testAVerificationFileWithScriptIsAnError() throws {
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "verification_files:\n  - google1a2b3c.html\ntelephone: ")
        try workspace.write("google1a2b3c.html", "ok\n<script>steal()</script>\n")
        try assertRefused([.unsafeFile], content("google1a2b3c.html"), line: 2)
    }

    func testEditorLeftoversAndDotFilesArePassedOver() throws {
        try workspace.write("about.md~", "old")
        try workspace.write(".DS_Store", "x")
        try workspace.write("images/.#scan.png", "x")
        try workspace.write("about.md.swp", "x")
        let report = try workspace.build()
        XCTAssertEqual(report.filesPassedOver, 4)
        XCTAssertTrue(report.summary.contains("passed over 4 dot-files or editor leftovers"), report.summary)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent("about.md~").path))
    }

    // MARK: SVG

    func svg(_ body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n\(body)\n</svg>\n"
    }

    func testASafeSVGIsPublished() throws {
        try workspace.write("images/map.svg", svg("<circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"url(#g)\"/>"))
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("images/map.svg").contains("<circle"))
    }

    func testSVGWithAnEventHandlerIsAnError() throws {
        try workspace.write("images/map.svg", svg("<circle onload=\"alert(1)\" r=\"4\"/>"))
        try assertRefused([.unsafeFile], content("images/map.svg"), line: 2)
    }

    func testSVGWithScriptIsAnError() throws {
        try workspace.write("images/map.svg", svg("<script>alert(1)</script>"))
        try assertRefused([.unsafeFile], content("images/map.svg"), line: 2)
    }

    func testSVGWithForeignObjectIsAnError() throws {
        try workspace.write("images/map.svg", svg("<foreignObject><p>hi</p></foreignObject>"))
        try assertRefused([.unsafeFile], content("images/map.svg"), line: 2)
    }

    func testSVGWithAnExternalReferenceIsAnError() throws {
        try workspace.write("images/map.svg", svg("<image xlink:href=\"https://tracker.example/p.png\"/>"))
        try assertRefused([.unsafeFile], content("images/map.svg"), line: 2)
    }

    func testSVGWithAJavaScriptURLIsAnError() throws {
        try workspace.write("images/map.svg", svg("<a href=\"javascript:alert(1)\"><circle r=\"4\"/></a>"))
        try assertRefused([.unsafeFile], content("images/map.svg"), line: 2)
    }

    // MARK: Names

    func testAFileNameWithASpaceIsAnErrorThatSuggestsAName() throws {
        try workspace.write("funding copy.md", "---\nkind: page\ntitle: Copy\ndescription: A copy.\nreviewed: 2026-01-10\nnext_review: 2027-01-10\nreviewed_by: Team\n---\n")
        try assertRefused([.badFileName], content("funding copy.md"))
        XCTAssertTrue(workspace.failingBuild().first?.message.contains("'funding-copy.md'") ?? false)
    }

    func testAnImageNameInCapitalsIsAnError() throws {
        try workspace.write("images/Scan Photo.PNG", "x")
        try assertRefused([.badFileName], content("images/Scan Photo.PNG"))
    }

    func testAControlCharacterInANameIsAnError() throws {
        try workspace.write("images/a\nb.png", "x")
        try assertRefused([.badFileName], content("images/a\nb.png"))
    }

    // MARK: No hang, crash or blow-up

    func testDeepNestingIsAnErrorOnItsLine() throws {
        try workspace.edit("about.md", replacing: "## Evidence", with: String(repeating: "> ", count: 5000) + "deep\n\n## Evidence")
        try assertRefused([.tooDeep], content("about.md"), line: 11)
    }

    /// Markers count at a line's start only, a bullet or number once a space follows it.
    func testNestingDepthCountsTheMarkersAtEachLinesStart() {
        let limit = NestingDepth.limit
        let atLimit = String(repeating: "> ", count: limit) + "text"
        XCTAssertNil(tooDeep("intro\n" + atLimit + "\n"))
        XCTAssertEqual(tooDeep("intro\n\n" + atLimit + " >\n> " + atLimit)?.line, 4)
        let list = String(repeating: "- ", count: limit / 2) + String(repeating: "1. ", count: limit / 2 + 1)
        XCTAssertEqual(tooDeep("a\r\nb\r\n" + list + "x")?.line, 3)
        XCTAssertEqual(tooDeep(list)?.depth, limit + 1)
        // Markers without their space, and markers after text, do not nest.
        XCTAssertNil(tooDeep(String(repeating: "-", count: 50) + "\n" + String(repeating: "1.", count: 50)))
        XCTAssertNil(tooDeep("text " + String(repeating: "> ", count: 50)))
    }

    func testAFileOverTheSizeLimitIsAnError() throws {
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "max_markdown_kb: 1\ntelephone: ")
        try workspace.edit("about.md", replacing: "## Evidence", with: String(repeating: "Words and more words. ", count: 100) + "\n\n## Evidence")
        try assertRefused([.tooLarge], content("about.md"), line: 1)
    }

    func testManyOpenCitationsAndEqualHeadingsBuild() throws {
        let line = String(repeating: "[@a ", count: 20_000)
        let headings = String(repeating: "## Step\n\n", count: 2_000)
        try workspace.edit("about.md", replacing: "## Evidence", with: line + "\n\n" + headings + "## Evidence")
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("about/index.html").contains("id=\"step-2000\""))
    }

    func templatesCopy() throws -> URL {
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        return templates
    }

    func testATemplateThatIncludesItselfIsAnError() throws {
        let templates = try templatesCopy()
        let review = templates.appendingPathComponent("partials/review.mustache")
        try Data((try String(contentsOf: review, encoding: .utf8) + "{{>review}}\n").utf8).write(to: review)
        try assertRefused([.templateCycle], templates.path + "/partials/review.mustache", templates: templates)
    }

    func testAParentCycleIsAnError() throws {
        let templates = try templatesCopy()
        let page = templates.appendingPathComponent("page.mustache")
        try Data((try String(contentsOf: page, encoding: .utf8)).replacingOccurrences(of: "layout}}", with: "page}}").utf8).write(to: page)
        try assertRefused([.templateCycle], templates.path + "/page.mustache", line: 2, templates: templates)
    }

    /// The header and the footer are rendered on their own: each must be there. The navigation is the header's partial.
    func testTheHeaderFooterAndNavigationPartialsAreNeeded() throws {
        for (partial, reason, file, line) in [("header", Reason.missingTemplate, "header", 1), ("footer", .missingTemplate, "footer", 1),
                                              ("navigation", .missingPartial, "header", 8)] {
            try? FileManager.default.removeItem(at: workspace.folder.appendingPathComponent("templates"))
            let templates = try templatesCopy()
            try FileManager.default.removeItem(at: templates.appendingPathComponent("partials/\(partial).mustache"))
            try assertRefused([reason], templates.path + "/partials/\(file).mustache", line: line, templates: templates)
        }
    }

    func testTheReferencesPartialIsNeededWhereAPageCites() throws {
        let templates = try templatesCopy()
        try FileManager.default.removeItem(at: templates.appendingPathComponent("partials/references.mustache"))
        // Four pages cite: one missing partial, one error.
        try assertRefused([.missingTemplate], templates.path + "/partials/references.mustache", line: 1, templates: templates)
    }

    func testAPageMayNameOnlyAPageTemplate() throws {
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\ntemplate: review")
        try assertRefused([.missingTemplate], content("about.md"), line: 6)
    }

    // MARK: Values are what they claim to be

    func testABaseURLWithANewlineIsAnError() throws {
        try workspace.edit("site.yaml", replacing: "base_url: https://fixture.example/theranostics/", with: "base_url: \"https://fixture.example/\\nDisallow: /\"")
        try assertRefused([.badFormat], content("site.yaml"), line: 3)
    }

    func testABaseURLWithAnEmptySegmentIsAnError() throws {
        try workspace.edit("site.yaml", replacing: "https://fixture.example/theranostics/", with: "https://fixture.example//evil.example/")
        try assertRefused([.badFormat], content("site.yaml"), line: 3)
    }

    func testABaseURLWithAUserOrQueryIsAnError() throws {
        for bad in ["https://user@fixture.example/t/", "https://fixture.example/t/?a=1", "ftp://fixture.example/t/"] {
            try workspace.edit("site.yaml", replacing: "https://fixture.example/theranostics/", with: bad)
            try assertRefused([.badFormat], content("site.yaml"), line: 3)
            try workspace.edit("site.yaml", replacing: bad, with: "https://fixture.example/theranostics/")
        }
    }

    func testAnUppercaseSchemeIsAccepted() throws {
        try workspace.edit("site.yaml", replacing: "https://fixture.example/theranostics/", with: "HTTPS://fixture.example/theranostics/")
        _ = try workspace.build()
        XCTAssertTrue(try workspace.read("sitemap.xml").contains("<loc>https://fixture.example/theranostics/</loc>"))
    }

    func testNumbersAreDecimal() throws {
        try workspace.edit("centres/oxford.md", replacing: "latitude: 51.726", with: "latitude: 0x33")
        try assertRefused([.wrongType], content("centres/oxford.md"), line: 12)
    }

    func testAReviewInTheFutureIsAnError() throws {
        var options = workspace.options()
        options.today = Day(year: 2026, month: 1, day: 9)
        XCTAssertThrowsError(try SiteBuilder(options: options).build()) { error in
            let errors = (error as? BuildFailure)?.errors ?? []
            XCTAssertTrue(!errors.isEmpty && errors.allSatisfy { $0.reason == .reviewDates }, "\(errors)")
        }
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testAControlCharacterInAOneLineFieldIsAnError() throws {
        try workspace.edit("about.md", replacing: "title: About", with: "title: \"About\\u0007\"")
        try assertRefused([.badFormat], content("about.md"), line: 3)
    }

    // MARK: One fault, one error

    func testAPageWhoseYAMLIsBrokenGivesOneError() throws {
        try workspace.edit("about.md", replacing: "title: About", with: "title: \"About")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.count, 1, "links to about.md from other pages are not errors of their own: \(errors)")
        XCTAssertEqual(errors.first?.file, content("about.md"))
    }

    func testAReferenceWhoseYAMLIsBrokenGivesOneError() throws {
        try workspace.edit("references/hofman2018.md", replacing: "year: 2018", with: "year: [2018")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.count, 1, "citations of hofman2018 still resolve: \(errors)")
        XCTAssertEqual(errors.first?.file, content("references/hofman2018.md"))
    }

    func testUTF16IsNamedAsSuch() throws {
        try Data("---\nkind: page\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: workspace.content.appendingPathComponent("wide.md"))
        try assertRefused([.notUTF8], content("wide.md"))
        XCTAssertTrue(workspace.failingBuild().first?.message.contains("UTF-16") ?? false)
    }

    func testABadByteIsNamedOnItsLine() throws {
        var data = Data("---\nkind: page\ntitle: x\n---\n\nfine\nbad ".utf8)
        data.append(0xFF)
        try data.write(to: workspace.content.appendingPathComponent("bytes.md"))
        try assertRefused([.notUTF8], content("bytes.md"), line: 7)
    }

    /// Files are read from their bytes when they are plain UTF-8 with closed front matter;
    /// every other shape still gets its own error, on its line, or is read as the text it is.
    func testAZeroByteIsNamedOnItsLine() throws {
        try Data("---\nkind: page\ntitle: x\n---\n\nfine\nzero \u{0} byte\n".utf8).write(to: workspace.content.appendingPathComponent("zero.md"))
        try assertRefused([.notUTF8], content("zero.md"), line: 7)
    }

    func testABadByteInTheFrontMatterIsNamedOnItsLine() throws {
        var data = Data("---\nkind: page\ntitle: ".utf8)
        data.append(0xFF)
        data.append(contentsOf: Array("\n---\n\nText.\n".utf8))
        try data.write(to: workspace.content.appendingPathComponent("bytes.md"))
        try assertRefused([.notUTF8], content("bytes.md"), line: 3)
    }

    func testUnclosedFrontMatterIsOneErrorOnItsFile() throws {
        try Data("---\nkind: page\ntitle: x\n\nText with no closing fence.\n".utf8).write(to: workspace.content.appendingPathComponent("open.md"))
        try assertRefused([.unclosedFrontMatter], content("open.md"), line: 1)
    }

    func testAWindowsFileWithAByteOrderMarkBuildsAsItsPlainCopy() throws {
        let about = workspace.content.appendingPathComponent("about.md")
        let text = try String(contentsOf: about, encoding: .utf8)
        _ = try workspace.build()
        let plain = try snapshot(workspace.output)
        try Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: about)
        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), plain)
    }

    private func tooDeep(_ text: String) -> (line: Int, depth: Int)? {
        var text = text
        return text.withUTF8 { NestingDepth.firstTooDeep(UnsafeRawBufferPointer($0)) }
    }
}
