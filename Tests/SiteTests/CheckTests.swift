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

/// The checker on fixture sites with one defect each: it must find the
/// defect, name the generated file and, where the build knows it, the
/// content file and line the defect came from.
final class CheckTests: XCTestCase {
    var workspace: Workspace!
    var sources: SourceMap!

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
        let loaded = ContentLoader(directory: workspace.content, displayRoot: "content").load()
        sources = SourceMap(site: try XCTUnwrap(ContentValidator().validate(loaded).site))
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    func findings() -> [Diagnostic] {
        SiteChecker(sources: sources).check(folder: workspace.output, displayRoot: "public")
    }

    func change(_ path: String, _ transform: (String) -> String) throws {
        let url = workspace.output.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = transform(text)
        XCTAssertNotEqual(changed, text, "the defect was not introduced into \(path)")
        try Data(changed.utf8).write(to: url)
    }

    /// Exactly one finding, of this reason, on this built file and line, naming the content file it came from.
    func assertSingleFinding(_ reason: Reason, _ file: String, line: Int = 1, origin: String? = nil,
                             _ source: StaticString = #filePath, _ sourceLine: UInt = #line) {
        let found = findings()
        XCTAssertEqual(found.count, 1, "\(found)", file: source, line: sourceLine)
        guard let finding = found.first else { return }
        XCTAssertEqual(finding.reason, reason, "\(finding)", file: source, line: sourceLine)
        XCTAssertEqual(finding.file, file, file: source, line: sourceLine)
        XCTAssertEqual(finding.line, line, file: source, line: sourceLine)
        if let origin {
            XCTAssertTrue(finding.message.hasSuffix("(from \(origin))"), "\(finding) does not name \(origin)", file: source, line: sourceLine)
        }
    }

    func contains(_ found: [Diagnostic], _ reason: Reason, _ file: String) -> Bool {
        found.contains { $0.reason == reason && $0.file == file }
    }

    /// The line of the first occurrence of `text` in a built file.
    func lineOf(_ text: String, in path: String) -> Int {
        let lines = (try? String(contentsOf: workspace.output.appendingPathComponent(path), encoding: .utf8))?
            .split(separator: "\n", omittingEmptySubsequences: false) ?? []
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }

    func testACleanSitePasses() {
        XCTAssertEqual(findings(), [])
    }

    func testTheRealSitePasses() throws {
        let real = try Workspace(copying: Repository.content)
        _ = try real.build()
        let loaded = ContentLoader(directory: real.content, displayRoot: "content").load()
        let map = SourceMap(site: try XCTUnwrap(ContentValidator().validate(loaded).site))
        XCTAssertEqual(SiteChecker(sources: map).check(folder: real.output, displayRoot: "public"), [])
    }

    func testBrokenLink() throws {
        try change("services/psma/index.html") { $0.replacingOccurrences(of: "href=\"../../about/#evidence\"", with: "href=\"../../abut/#evidence\"") }
        assertSingleFinding(.brokenLink, "public/services/psma/index.html", line: lineOf("href=\"../../abut/#evidence\"", in: "services/psma/index.html"))
    }

    func testBrokenAnchorNamesTheContentLine() throws {
        try change("index.html") { $0.replacingOccurrences(of: "id=\"welcome-2\"", with: "id=\"welcome-two\"") }
        assertSingleFinding(.brokenAnchor, "public/about/index.html", line: lineOf("href=\"../#welcome-2\"", in: "about/index.html"),
                            origin: "content/about.md:13")
    }

    func testRepeatedID() throws {
        try change("about/index.html") { $0.replacingOccurrences(of: "<h2 id=\"evidence\">", with: "<h2 id=\"main\">") }
        let line = lineOf("<h2 id=\"main\">", in: "about/index.html")
        XCTAssertTrue(findings().contains { $0.reason == .repeatedID && $0.file == "public/about/index.html" && $0.line == line })
    }

    func testMissingImageNamesTheContentLine() throws {
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("images/scan.png"))
        assertSingleFinding(.brokenLink, "public/about/index.html", line: lineOf("src=\"../images/scan.png\"", in: "about/index.html"),
                            origin: "content/about.md:15")
    }

    func testOrphanPage() throws {
        let orphan = workspace.output.appendingPathComponent("lost/index.html")
        try FileManager.default.createDirectory(at: orphan.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: workspace.output.appendingPathComponent("about/index.html"), to: orphan)
        let found = findings()
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertTrue(contains(found, .orphanPage, "public/lost/index.html"), "\(found)")
        XCTAssertTrue(contains(found, .sitemap, "public/lost/index.html"), "\(found)")
    }

    func testSitemapDrift() throws {
        try change("sitemap.xml") { $0.replacingOccurrences(of: "https://fixture.example/theranostics/about/", with: "https://fixture.example/theranostics/abandoned/") }
        let found = findings()
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertTrue(contains(found, .sitemap, "public/sitemap.xml"), "\(found)")
        XCTAssertTrue(found.contains { $0.reason == .sitemap && $0.file == "public/about/index.html" && $0.message.hasSuffix("(from content/about.md)") },
                      "\(found)")
    }

    func testIndexDriftPostcode() throws {
        try change("centres.json") { $0.replacingOccurrences(of: "OX4 6LB", with: "OX4 6LC") }
        assertSingleFinding(.centreIndex, "public/centres/oxford/index.html", origin: "content/centres/oxford.md")
    }

    func testIndexDriftMissingPage() throws {
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("centres/oxford"))
        XCTAssertTrue(contains(findings(), .centreIndex, "public/centres.json"))
    }

    func testCentrePageWithoutRecord() throws {
        let extra = workspace.output.appendingPathComponent("centres/extra")
        try FileManager.default.copyItem(at: workspace.output.appendingPathComponent("centres/oxford"), to: extra)
        XCTAssertTrue(contains(findings(), .centreIndex, "public/centres/extra/index.html"))
    }

    func testEmptyIndexIsInvalid() throws {
        try change("centres.json") { text in
            var object = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            object["centres"] = []
            return String(data: try! JSONSerialization.data(withJSONObject: object), encoding: .utf8)!
        }
        assertSingleFinding(.centreIndex, "public/centres.json")
        XCTAssertTrue(findings().first?.message.contains("/centres:") ?? false, "the finding names the JSON path")
    }

    func testInvalidIndex() throws {
        try change("centres.json") { $0.replacingOccurrences(of: "\"approximate\" : true", with: "\"approximate\" : \"yes\"") }
        assertSingleFinding(.centreIndex, "public/centres.json")
        XCTAssertTrue(findings().first?.message.contains("/centres/0/coordinates/approximate:") ?? false, "the finding names the JSON path")
    }

    func testBrokenStructuredData() throws {
        try change("about/index.html") { $0.replacingOccurrences(of: "<script type=\"application/ld+json\">{", with: "<script type=\"application/ld+json\">{,") }
        assertSingleFinding(.structuredData, "public/about/index.html", line: lineOf("<script type=\"application/ld+json\">{,", in: "about/index.html"))
    }

    func testFolderLinkWithoutSlash() {
        let site = try! BuiltSite(folder: workspace.output, displayRoot: "public")
        let checker = LinkChecker(site: site, sources: SourceMap())
        XCTAssertEqual(checker.target(of: "../../about", from: "services/psma/index.html"), .broken("'about' is a folder: end the link with '/'"))
        XCTAssertEqual(checker.target(of: "https://fixture.example/theranostics/about/#evidence", from: "index.html"), .file(path: "about/index.html", fragment: "evidence"))
        XCTAssertEqual(checker.target(of: "/theranostics/postcode-areas.json", from: "404.html"), .file(path: "postcode-areas.json", fragment: nil))
        XCTAssertEqual(checker.target(of: "https://doi.org/10.1/x", from: "index.html"), .external("https://doi.org/10.1/x"))
        XCTAssertEqual(checker.target(of: "javascript:void(0)", from: "index.html"), .broken("the 'javascript:' scheme is not allowed"))
    }

    func testBuildWithCheckKeepsTheOldSiteWhenTheCheckFails() throws {
        let before = try snapshot(workspace.output)
        // A check step that always finds something, in the place of the real one.
        let planted = BuildStep(.check) { state in [.error(state.options.output + "/index.html", 1, .orphanPage, "planted finding")] }
        let failing = SiteBuilder(options: workspace.options(), steps: BuildStep.standard(check: false).dropLast() + [planted, .swap])
        XCTAssertThrowsError(try failing.build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.stage, .check)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).filter { $0.hasPrefix(".") && !$0.hasSuffix(".manifest.tsv") && !$0.hasSuffix(".cache") }
        // Kept as the spare the next build makes its staging folder from, not left as a staging folder.
        XCTAssertEqual(leftovers, [".public.spare"])
        XCTAssertEqual(try snapshot(workspace.output), before)
    }
}
