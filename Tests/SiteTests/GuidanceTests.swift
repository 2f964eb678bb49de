import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
import SiteLoad
import SiteValidate

/// Guidance (a NICE appraisal) is a reference of its own kind: publisher,
/// series, number, year, title, address and scope; no journal, DOI or PMID.
final class GuidanceTests: XCTestCase {
    let guidance = """
    ---
    kind: guidance
    key: nice-ta1
    publisher: NICE
    series: Technology appraisal guidance
    number: TA1
    title: A treatment for a condition
    year: 2020
    url: https://www.nice.org.uk/guidance/ta1
    scope: "For adults after one other treatment"
    ---
    """

    func testGuidanceIsCitedAndListedWithItsAddress() throws {
        let workspace = try Workspace()
        try workspace.write("references/nice-ta1.md", guidance)
        try workspace.edit("about.md", replacing: "then again [@hofman2018]", with: "then again [@hofman2018; @nice-ta1]")
        _ = try workspace.build()
        let page = try workspace.read("about/index.html")
        XCTAssertTrue(page.contains("NICE. A treatment for a condition. Technology appraisal guidance TA1. 2020. For adults after one other treatment. <a href=\"https://www.nice.org.uk/guidance/ta1\">NICE TA1</a>."), page)
        XCTAssertTrue(page.contains("\"@type\":\"CreativeWork\""))
        // Articles sit in their issue, volume and journal.
        XCTAssertTrue(page.contains("\"isPartOf\":{\"@type\":\"PublicationIssue\",\"isPartOf\":{\"@type\":\"PublicationVolume\""), page)
    }

    func testGuidanceNeedsAnHTTPSAddress() throws {
        let workspace = try Workspace()
        try workspace.write("references/nice-ta1.md", guidance.replacingOccurrences(of: "https://www.nice", with: "http://www.nice"))
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.badFormat])
        XCTAssertEqual(errors.first?.line, 9)
    }

    func testGuidanceHasNoJournalFields() throws {
        let workspace = try Workspace()
        try workspace.write("references/nice-ta1.md", guidance.replacingOccurrences(of: "year: 2020", with: "year: 2020\ndoi: 10.1000/x"))
        XCTAssertEqual(workspace.failingBuild().reasons, [.unknownField])
    }
}

/// `site redirects`: the nginx map of old addresses to pages.
final class NginxRedirectsTests: XCTestCase {
    func testOneLinePerAliasBelowTheBasePath() throws {
        let workspace = try Workspace()
        let loaded = SiteLoad.ContentLoader(directory: workspace.content, displayRoot: "content").load()
        let site = try XCTUnwrap(SiteValidate.ContentValidator().validate(loaded).site)
        XCTAssertEqual(NginxRedirects.map(site), """
            map $uri $theranostics_redirect {
                default "";
                /theranostics/oxford/ /theranostics/centres/oxford/;
            }

            """)
    }
}
