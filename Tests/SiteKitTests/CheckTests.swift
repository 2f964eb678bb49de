import XCTest
@testable import SiteKit

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

    func assertSingleFinding(_ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = findings()
        XCTAssertEqual(found.map(\.description), [expected], file: file, line: line)
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
        let found = findings()
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].description.hasPrefix("public/services/psma/index.html:"), found[0].description)
        XCTAssertTrue(found[0].message.contains("broken link '../../abut/#evidence': no file 'abut/index.html' in the site"), found[0].message)
    }

    func testBrokenAnchorNamesTheContentLine() throws {
        try change("index.html") { $0.replacingOccurrences(of: "id=\"welcome-2\"", with: "id=\"welcome-two\"") }
        let found = findings()
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].message.hasPrefix("broken anchor '../#welcome-2': public/index.html has no element with id 'welcome-2'"), found[0].message)
        XCTAssertTrue(found[0].message.hasSuffix("(from content/about.md:13)"), found[0].message)
        XCTAssertTrue(found[0].file == "public/about/index.html")
    }

    func testRepeatedID() throws {
        try change("about/index.html") { $0.replacingOccurrences(of: "<h2 id=\"evidence\">", with: "<h2 id=\"main\">") }
        let found = findings().map(\.description)
        XCTAssertTrue(found.contains { $0.hasPrefix("public/about/index.html:") && $0.hasSuffix("error: id 'main' is given to more than one element (from content/about.md or its template)") }, "\(found)")
    }

    func testMissingImageNamesTheContentLine() throws {
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("images/scan.png"))
        let found = findings()
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].message.hasPrefix("broken link '../images/scan.png': no file 'images/scan.png' in the site"), found[0].message)
        XCTAssertTrue(found[0].message.hasSuffix("(from content/about.md:15)"), found[0].message)
    }

    func testOrphanPage() throws {
        let orphan = workspace.output.appendingPathComponent("lost/index.html")
        try FileManager.default.createDirectory(at: orphan.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: workspace.output.appendingPathComponent("about/index.html"), to: orphan)
        let found = findings().map(\.description)
        XCTAssertTrue(found.contains("public/lost/index.html:1: error: orphan page: no chain of links from the home page reaches it"), "\(found)")
        XCTAssertTrue(found.contains("public/lost/index.html:1: error: page missing from sitemap.xml"), "\(found)")
    }

    func testSitemapDrift() throws {
        try change("sitemap.xml") { $0.replacingOccurrences(of: "https://fixture.example/theranostics/about/", with: "https://fixture.example/theranostics/abandoned/") }
        let found = findings().map(\.description)
        XCTAssertEqual(found.count, 2, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("public/sitemap.xml:") && $0.hasSuffix("sitemap URL https://fixture.example/theranostics/abandoned/ has no page") }, "\(found)")
        XCTAssertTrue(found.contains("public/about/index.html:1: error: page missing from sitemap.xml (from content/about.md)"), "\(found)")
    }

    func testIndexDriftPostcode() throws {
        try change("centres.json") { $0.replacingOccurrences(of: "OX4 6LB", with: "OX4 6LC") }
        assertSingleFinding("public/centres/oxford/index.html:1: error: the page's <address> does not show the postcode OX4 6LC that centres.json gives for centre 'oxford' (from content/centres/oxford.md)")
    }

    func testIndexDriftMissingPage() throws {
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("centres/oxford"))
        let found = findings().map(\.description)
        XCTAssertTrue(found.contains("public/centres.json:1: error: centre 'oxford' has no page public/centres/oxford/index.html"), "\(found)")
    }

    func testCentrePageWithoutRecord() throws {
        let extra = workspace.output.appendingPathComponent("centres/extra")
        try FileManager.default.copyItem(at: workspace.output.appendingPathComponent("centres/oxford"), to: extra)
        let found = findings().map(\.description)
        XCTAssertTrue(found.contains("public/centres/extra/index.html:1: error: centre page without a record in centres.json"), "\(found)")
    }

    func testEmptyIndexIsInvalid() throws {
        try change("centres.json") { text in
            var object = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            object["centres"] = []
            return String(data: try! JSONSerialization.data(withJSONObject: object), encoding: .utf8)!
        }
        assertSingleFinding("public/centres.json:1: error: not valid against centres.schema.json: /centres: fewer than 1 items")
    }

    func testInvalidIndex() throws {
        try change("centres.json") { $0.replacingOccurrences(of: "\"approximate\" : true", with: "\"approximate\" : \"yes\"") }
        assertSingleFinding("public/centres.json:1: error: not valid against centres.schema.json: /centres/0/coordinates/approximate: must equal true")
    }

    func testBrokenStructuredData() throws {
        try change("about/index.html") { $0.replacingOccurrences(of: "<script type=\"application/ld+json\">{", with: "<script type=\"application/ld+json\">{,") }
        let found = findings()
        XCTAssertEqual(found.map(\.message), ["JSON-LD block is not valid JSON"])
    }

    func testFolderLinkWithoutSlash() {
        let site = try! BuiltSite(folder: workspace.output, displayRoot: "public")
        let checker = LinkChecker(site: site, sources: SourceMap())
        XCTAssertEqual(checker.target(of: "../../about", from: "services/psma/index.html"), .broken("'about' is a folder: end the link with '/'"))
        XCTAssertEqual(checker.target(of: "https://fixture.example/theranostics/about/#evidence", from: "index.html"), .file(path: "about/index.html", fragment: "evidence"))
        XCTAssertEqual(checker.target(of: "/theranostics/styles.css", from: "404.html"), .file(path: "styles.css", fragment: nil))
        XCTAssertEqual(checker.target(of: "https://doi.org/10.1/x", from: "index.html"), .external("https://doi.org/10.1/x"))
        XCTAssertEqual(checker.target(of: "javascript:void(0)", from: "index.html"), .broken("the 'javascript:' scheme is not allowed"))
    }

    func testBuildWithCheckKeepsTheOldSiteWhenTheCheckFails() throws {
        let before = try snapshot(workspace.output)
        let failing = SiteBuilder(options: workspace.options()) { _, displayRoot, _ in
            [.error(displayRoot + "/index.html", 1, "planted finding")]
        }
        XCTAssertThrowsError(try failing.build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.stage, "check")
        }
        XCTAssertEqual(try snapshot(workspace.output), before)
    }
}
