import Foundation
import XCTest
@testable import SiteModel

/// Images: alt text required (or the title "decorative"), width and height
/// from the file, lazy loading after the first, captions, the size budget.
final class ImageTests: EditorMarkdownTestCase {
    /// PNG, JPEG, GIF, WebP and two SVGs (sized in pixels; by a viewBox only).
    func copyImages() throws {
        let images = Repository.fixtures.appendingPathComponent("images")
        for name in try FileManager.default.contentsOfDirectory(atPath: images.path) {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name),
                                             to: workspace.content.appendingPathComponent("images/" + name))
        }
    }

    func testEachImageHasTheSizeItsFileSays() throws {
        try copyImages()
        let html = try builtGuide("""
            ![A scan](images/scan.png) ![A photo](images/wide.jpg) ![A chart](images/tall.gif)
            ![A strip](images/strip.webp) ![A logo](images/sized.svg) ![A dot](images/boxed.svg)
            """)
        XCTAssertTrue(html.contains(#"<img src="../images/scan.png" alt="A scan" width="4" height="4">"#), html)
        XCTAssertTrue(html.contains(#"<img src="../images/wide.jpg" alt="A photo" width="6" height="3" loading="lazy">"#), html)
        XCTAssertTrue(html.contains(#"<img src="../images/tall.gif" alt="A chart" width="5" height="7" loading="lazy">"#), html)
        XCTAssertTrue(html.contains(#"<img src="../images/strip.webp" alt="A strip" width="9" height="2" loading="lazy">"#), html)
        XCTAssertTrue(html.contains(#"<img src="../images/sized.svg" alt="A logo" width="120" height="40" loading="lazy">"#), html)
        XCTAssertTrue(html.contains(#"<img src="../images/boxed.svg" alt="A dot" width="64" height="32" loading="lazy">"#), html)
    }

    func testAnImageWithoutAltTextIsAnError() throws {
        let error = try assertGuideFails("Intro.\n\nSee ![](images/scan.png).\n", .missingAltText, bodyLine: 3)
        XCTAssertTrue(error?.message.contains("images/scan.png") == true, "\(String(describing: error))")
    }

    func testSpacesAreNoAltText() throws {
        try assertGuideFails("![  ](images/scan.png \"A title\")\n", .missingAltText, bodyLine: 1)
    }

    func testADecorativeImageHasAnEmptyAltAndNoTitle() throws {
        let html = try builtGuide("![](images/scan.png \"decorative\")\n")
        XCTAssertTrue(html.contains(#"<p><img src="../images/scan.png" alt="" width="4" height="4"></p>"#), html)
        XCTAssertFalse(html.contains("decorative"), html)
    }

    func testATitledImageAloneIsAFigureWithItsCaption() throws {
        let html = try builtGuide("![A PET scan](images/scan.png \"Scan & result, 2024\")\n\nInline ![A PET scan](images/scan.png \"Same\") here.\n")
        XCTAssertTrue(html.contains("""
            <figure>
            <img src="../images/scan.png" alt="A PET scan" width="4" height="4"><figcaption>Scan &amp; result, 2024</figcaption>
            </figure>
            """), html)
        XCTAssertTrue(html.contains(#"Inline <img src="../images/scan.png" alt="A PET scan" title="Same" width="4" height="4" loading="lazy"> here."#), html)
    }

    func testAnImageOverTheBudgetIsAWarningNamingTheFile() throws {
        try copyImages()  // each under 1 KB
        try workspace.edit("site.yaml", replacing: "title: Fixture Theranostics", with: "title: Fixture Theranostics\nimage_budget_kb: 1")
        try workspace.write("images/heavy.png", String(repeating: "x", count: 2000))
        let report = try workspace.build()
        XCTAssertEqual(report.warnings.map(\.reason), [.imageOverBudget], "\(report.warnings)")
        XCTAssertEqual(report.warnings.first?.file, workspace.displayPath("images/heavy.png"))
        XCTAssertTrue(report.warnings.first?.message.contains("2 KB, over the 1 KB budget") == true, "\(report.warnings)")
    }

    func testImagesWithinTheDefaultBudgetAreQuiet() throws {
        try copyImages()
        XCTAssertEqual(try workspace.build().warnings, [])
    }

    func testTheBudgetIsAWholeNumberOfKilobytes() throws {
        try workspace.edit("site.yaml", replacing: "title: Fixture Theranostics", with: "title: Fixture Theranostics\nimage_budget_kb: lots")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.map(\.reason), [.wrongType], "\(errors)")
        XCTAssertEqual(errors.first?.line, 2)
    }
}
