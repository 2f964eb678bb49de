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

/// Builds the real `content/` with the real templates into a temporary
/// folder and checks the site a visitor and a web host get.
final class EndToEndTests: XCTestCase {
    var workspace: Workspace!
    var report: BuildReport!

    override func setUpWithError() throws {
        workspace = try Workspace(copying: Repository.content)
        report = try workspace.build()
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    func testEveryPageIsPresent() throws {
        let expected = ["index.html", "what-is-theranostics/index.html", "who-may-benefit/index.html", "evidence/index.html",
                        "refer-a-patient/index.html", "funding/index.html", "contact/index.html", "centres/index.html",
                        "services/lutetium-psma/index.html", "services/lutetium-octreotate/index.html", "404.html",
                        "centres.json", "centres.schema.json", "sitemap.xml", "robots.txt", "postcode-areas.json"]
        for path in expected {
            XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent(path).path), path)
        }
        XCTAssertEqual(report.centres, 12)
        XCTAssertEqual(report.references, 4, "two studies and two NICE appraisals")
    }

    /// The sitemap names every page once, in the order of their addresses: a folder's
    /// index first, before the pages in it, though its file sorts after theirs.
    func testSitemapListsEveryPageInAddressOrder() throws {
        let sitemap = try workspace.read("sitemap.xml")
        let addresses = sitemap.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        XCTAssertEqual(addresses.count, report.pages)
        XCTAssertEqual(addresses, addresses.sorted())
        XCTAssertEqual(Set(addresses).count, addresses.count)
        let centres = try XCTUnwrap(addresses.firstIndex { $0.hasSuffix("/centres/") })
        XCTAssertTrue(addresses[centres + 1].contains("/centres/"), addresses[centres + 1])
        XCTAssertEqual(sitemap.components(separatedBy: "<lastmod>").count - 1, sitemap.components(separatedBy: "</lastmod></url>").count - 1)
    }

    func testAllTwelveCentresInTheIndexWithTheirPostcodes() throws {
        let data = try Data(contentsOf: workspace.output.appendingPathComponent("centres.json"))
        let index = try JSONDecoder().decode(CentreIndex.self, from: data)
        let expected = ["kent": "ME19 4UA", "birmingham": "B74 3BF", "nottingham": "NG5 8RX", "portsmouth": "PO9 5NA",
                        "guildford": "GU1 3LX", "southampton": "SO16 6UY", "chelmsford": "CM1 7GU", "elstree": "WD6 3SZ",
                        "oxford": "OX4 6LB", "milton-keynes": "MK14 6LS", "cambridge": "CB8 7XN", "windsor": "SL4 3HD"]
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: index.centres.map { ($0.id, $0.postcode) }), expected)
        XCTAssertEqual(index.version, 1)
        for centre in index.centres {
            XCTAssertTrue(centre.coordinates.approximate)
            XCTAssertEqual(centre.url, "https://www.genesiscare.com/uk/theranostics/centres/\(centre.id)/")
            let page = try workspace.read(centre.path + "index.html")
            XCTAssertTrue(page.contains(centre.postcode), centre.id)
            XCTAssertTrue(page.contains("<address>"), centre.id)
        }
        let finder = try workspace.read("centres/index.html")
        XCTAssertEqual(finder.components(separatedBy: "<address>").count - 1, 12)
    }

    func testCentreIndexIsValidAgainstItsSchema() throws {
        let schema = try JSONSchema(data: Data(contentsOf: workspace.output.appendingPathComponent("centres.schema.json")))
        let instance = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.output.appendingPathComponent("centres.json")), options: [.fragmentsAllowed])
        XCTAssertEqual(schema.validate(instance), [])
    }

    func testBothReferencesWithDOIAndPubMedLinks() throws {
        let evidence = try workspace.read("evidence/index.html")
        XCTAssertTrue(evidence.contains(#"<a href="https://doi.org/10.1016/S1470-2045(18)30198-0">"#))
        XCTAssertTrue(evidence.contains(#"<a href="https://doi.org/10.1056/NEJMoa1607427">"#))
        XCTAssertTrue(evidence.contains("https://pubmed.ncbi.nlm.nih.gov/29752180/"))
        XCTAssertTrue(evidence.contains("https://pubmed.ncbi.nlm.nih.gov/28076709/"))
        XCTAssertTrue(evidence.contains(##"<li id="ref-1">"##))
        XCTAssertTrue(evidence.contains(##"href="#ref-2""##))
    }

    func testEveryPageHasTheCommonParts() throws {
        for path in try FileTree.files(in: workspace.output) where path.hasSuffix(".html") {
            let html = try workspace.read(path)
            XCTAssertTrue(html.contains(#"<html lang="en-GB">"#), path)
            XCTAssertTrue(html.contains(##"href="#main""##), "\(path) has no skip link")
            XCTAssertEqual(html.components(separatedBy: "<h1").count - 1, 1, "\(path) must have one h1")
            XCTAssertTrue(html.contains(#"href="tel:+441753418444">01753 418 444</a>"#), path)
            XCTAssertFalse(html.contains("<script>"), "\(path) has an inline script")
        }
    }

    func testMedicalPagesShowTheirReview() throws {
        let page = try workspace.read("services/lutetium-psma/index.html")
        XCTAssertTrue(page.contains(#"Page last reviewed: <time datetime="2026-11-20">20 November 2026</time>"#), page)
        XCTAssertTrue(page.contains(#"Next review due: <time datetime="2027-11-20">20 November 2027</time>"#))
    }

    func testNoRawHTMLFromContentReachesThePages() throws {
        try workspace.edit("contact.md", replacing: "\n## Telephone", with: "\n<script>alert('x')</script>\n\n## Telephone")
        let errors = workspace.failingBuild()
        let line = try String(contentsOf: workspace.content.appendingPathComponent("contact.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("<script>") }.map { $0 + 1 }
        XCTAssertEqual(errors.map(\.line), [try XCTUnwrap(line)])
        XCTAssertEqual(errors.reasons, [.rawHTML])
        XCTAssertFalse(try workspace.read("contact/index.html").contains("alert("))
    }

    func testASecondBuildIsByteIdentical() throws {
        let first = try snapshot(workspace.output)
        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), first)
    }

    /// Two processes (each with its own hash seed) must write the same bytes:
    /// this catches output that follows dictionary order.
    func testBuildsInSeparateProcessesAreByteIdentical() throws {
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("site")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            return XCTFail("the site tool was not built beside the tests at \(tool.path)")
        }
        var outputs: [[String: Data]] = []
        for run in 1...2 {
            let output = workspace.folder.appendingPathComponent("process-\(run)")
            let process = Process()
            process.executableURL = tool
            process.arguments = ["build", "--content", workspace.content.path, "--templates", Repository.templates.path, "--output", output.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            outputs.append(try snapshot(output))
        }
        XCTAssertEqual(outputs[0].count, try snapshot(workspace.output).count)
        XCTAssertEqual(outputs[0], outputs[1])
    }

    func testAFailedBuildLeavesTheOldOutputUntouched() throws {
        let before = try snapshot(workspace.output)
        try workspace.edit("centres/oxford.md", replacing: "OX4 6LB", with: "OX4")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.map(\.line), [9])
        XCTAssertEqual(try snapshot(workspace.output), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).filter { $0.hasPrefix(".") && !$0.hasSuffix(".manifest.tsv") && !$0.hasSuffix(".cache") }
        XCTAssertEqual(leftovers, [])
    }

    func testTheBuildNeverReplacesAFolderThatIsNotABuild() throws {
        var options = workspace.options()
        let other = workspace.folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.appendingPathComponent("notes.txt"))
        options.output = other.path
        XCTAssertThrowsError(try SiteBuilder(options: options).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.reasons, [.outputRefused], "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: other.appendingPathComponent("notes.txt"), encoding: .utf8), "keep me")

        options.output = workspace.folder.path
        XCTAssertThrowsError(try SiteBuilder(options: options).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.reasons, [.outputRefused], "\(error)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.content.appendingPathComponent("index.md").path))
    }

    func testABrokenTemplateNamesItsFileAndLine() throws {
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        try Data("<p>\n{{#review}}\n{{reviewed}}\n".utf8).write(to: templates.appendingPathComponent("partials/review.mustache"))
        let errors = workspace.failingBuild(templates: templates)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.file, templates.path + "/partials/review.mustache")
        XCTAssertEqual(errors.reasons, [.templateSyntax], "\(errors)")
    }

    func testAMissingPartialNamesItsFileAndLine() throws {
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("partials/review.mustache"))
        let errors = workspace.failingBuild(templates: templates)
        XCTAssertFalse(errors.isEmpty)
        XCTAssertTrue(errors.allSatisfy { $0.reason == .missingPartial }, "\(errors)")
        XCTAssertTrue(errors.allSatisfy { $0.line > 1 })
    }

    /// Templates saved with Windows line ends (CRLF) name a missing partial at the same lines.
    func testAMissingPartialInATemplateWithCRLFLinesNamesItsLine() throws {
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("partials/review.mustache"))
        let lines = { (errors: [Diagnostic]) in errors.map { "\($0.file):\($0.line) \($0.reason)" }.sorted() }
        let expected = lines(workspace.failingBuild(templates: templates))
        for path in try FileTree.files(in: templates) where path.hasSuffix(".mustache") {
            let file = templates.appendingPathComponent(path)
            try Data(try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: file)
        }
        XCTAssertEqual(lines(workspace.failingBuild(templates: templates)), expected)
        XCTAssertTrue(expected.allSatisfy { $0.hasSuffix(" missingPartial") && !$0.contains(":1 ") }, "\(expected)")
    }

    /// The JSON-LD of every page is valid JSON and states the page's own facts.
    func testStructuredDataMatchesThePages() throws {
        let index = try JSONDecoder().decode(CentreIndex.self, from: Data(contentsOf: workspace.output.appendingPathComponent("centres.json")))
        for centre in index.centres {
            let graph = try structuredData(centre.path + "index.html")
            let clinic = try XCTUnwrap(graph.first { $0["@type"] as? String == "MedicalClinic" }, centre.id)
            let address = try XCTUnwrap(clinic["address"] as? [String: Any])
            XCTAssertEqual(address["postalCode"] as? String, centre.postcode)
            XCTAssertEqual(address["addressLocality"] as? String, centre.town)
            // One international form in structured data: 01753 418 444 is +441753418444.
            XCTAssertEqual(clinic["telephone"] as? String, "+44" + centre.telephone.filter(\.isNumber).dropFirst())
            XCTAssertEqual(clinic["url"] as? String, centre.url)
            let geo = try XCTUnwrap(clinic["geo"] as? [String: Any])
            XCTAssertEqual(Double(geo["latitude"] as? String ?? ""), centre.coordinates.latitude)
            XCTAssertEqual(Double(geo["longitude"] as? String ?? ""), centre.coordinates.longitude)
            XCTAssertNotNil(clinic["parentOrganization"] as? [String: Any])
        }
        for path in ["services/lutetium-psma/index.html", "services/lutetium-octreotate/index.html"] {
            let graph = try structuredData(path)
            let page = try XCTUnwrap(graph.first { $0["@type"] as? String == "MedicalWebPage" })
            let html = try workspace.read(path)
            XCTAssertTrue(html.contains("<time datetime=\"\(page["lastReviewed"] as? String ?? "?")\">"), path)
            XCTAssertNotNil((page["reviewedBy"] as? [String: Any])?["name"] as? String)
            XCTAssertTrue(graph.contains { $0["@type"] as? String == "MedicalTherapy" }, path)
        }
        let articles = try structuredData("evidence/index.html").filter { $0["@type"] as? String == "ScholarlyArticle" }
        XCTAssertEqual(articles.compactMap { $0["@id"] as? String }.sorted(),
                       ["https://doi.org/10.1016/S1470-2045(18)30198-0", "https://doi.org/10.1056/NEJMoa1607427"])
    }

    func structuredData(_ path: String) throws -> [[String: Any]] {
        let html = try workspace.read(path)
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/ld+json\">"), path)
        let end = try XCTUnwrap(html.range(of: "</script>", range: start.upperBound..<html.endIndex), path)
        let object = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        return try XCTUnwrap(object?["@graph"] as? [[String: Any]], path)
    }

    func testPagesCarryCanonicalAndSharingTags() throws {
        let page = try workspace.read("funding/index.html")
        let url = "https://www.genesiscare.com/uk/theranostics/funding/"
        XCTAssertTrue(page.contains("<link rel=\"canonical\" href=\"\(url)\">"))
        XCTAssertTrue(page.contains("<meta property=\"og:url\" content=\"\(url)\">"))
        XCTAssertTrue(page.contains("<meta name=\"description\" content=\""))
        XCTAssertTrue(page.contains("<meta property=\"og:title\""))
    }

    func testBaseURLOptionChangesEveryAbsoluteURL() throws {
        var options = workspace.options()
        options.baseURL = "https://staging.example.org/t"
        _ = try SiteBuilder(options: options).build()
        XCTAssertTrue(try workspace.read("sitemap.xml").contains("<loc>https://staging.example.org/t/evidence/</loc>"))
        XCTAssertFalse(try workspace.read("centres.json").contains("genesiscare.com"))
    }
}
