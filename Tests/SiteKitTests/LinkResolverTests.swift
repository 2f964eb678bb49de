import XCTest
@testable import SiteKit

final class LinkResolverTests: XCTestCase {
    let resolver = LinkResolver(
        pagePaths: ["index.md": "", "evidence.md": "evidence/", "services/psma.md": "services/psma/", "centres/index.md": "centres/"],
        anchors: ["": ["main"], "evidence/": ["main", "the-trial"], "services/psma/": ["main"], "centres/": ["main"]],
        assets: ["images/scan.png"])

    func testMarkdownLinksBecomeCleanRelativeURLs() {
        let resolution = resolver.resolve("../evidence.md#the-trial", from: "services/psma.md")
        XCTAssertEqual(resolution, .page(path: "evidence/", fragment: "the-trial"))
        XCTAssertEqual(resolver.href(resolution, fromPage: "services/psma/"), "../../evidence/#the-trial")
        XCTAssertEqual(resolver.href(resolver.resolve("services/psma.md", from: "index.md"), fromPage: ""), "services/psma/")
        XCTAssertEqual(resolver.href(resolver.resolve("index.md", from: "evidence.md"), fromPage: "evidence/"), "../")
        XCTAssertEqual(resolver.href(resolver.resolve("centres/", from: "index.md"), fromPage: ""), "centres/")
        XCTAssertEqual(resolver.href(resolver.resolve("/evidence.md", from: "services/psma.md"), fromPage: "services/psma/"), "../../evidence/")
    }

    func testSamePageFragments() {
        XCTAssertEqual(resolver.href(resolver.resolve("#the-trial", from: "evidence.md"), fromPage: "evidence/"), "#the-trial")
        XCTAssertEqual(resolver.resolve("#nope", from: "evidence.md"), .problem("link '#nope': no heading with id 'nope' on that page"))
    }

    func testAssetsAreLinkedFromTheSiteRoot() {
        let resolution = resolver.resolve("../images/scan.png", from: "services/psma.md")
        XCTAssertEqual(resolution, .asset(path: "images/scan.png"))
        XCTAssertEqual(resolver.href(resolution, fromPage: "services/psma/"), "../../images/scan.png")
    }

    func testExternalLinksStayAsWritten() {
        XCTAssertEqual(resolver.resolve("https://doi.org/10.1/x", from: "index.md"), .external("https://doi.org/10.1/x"))
        XCTAssertEqual(resolver.resolve("tel:+441753418444", from: "index.md"), .external("tel:+441753418444"))
    }

    func testProblems() {
        for destination in ["missing.md", "../../outside.md", "javascript:alert(1)", "//evil.example/x", "images/none.png", "evidence/"] {
            guard case .problem = resolver.resolve(destination, from: "index.md") else {
                return XCTFail("\(destination) resolved")
            }
        }
    }
}
