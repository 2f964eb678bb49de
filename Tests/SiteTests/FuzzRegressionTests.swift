import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline
@testable import SiteValidate

/// Inputs that `fuzz/run.sh` found to crash or hang, each fed through the
/// API it was found on. A hang fails its test after a time limit instead of
/// stopping the whole run.
final class FuzzRegressionTests: XCTestCase {
    /// Runs `work` on a thread of its own and fails when it has not finished within `seconds`.
    func finishes<T: Sendable>(within seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                               _ work: @escaping @Sendable () -> T) -> T? {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.value = work()
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else {
            XCTFail("did not finish within \(seconds) s", file: file, line: line)
            return nil
        }
        return box.value
    }

    /// A result handed from the worker thread; read only after the semaphore says it was written.
    final class Box<T>: @unchecked Sendable {
        var value: T?
    }

    // MARK: Heading ids that start like the templates' numbered ids

    /// Found as a hang of `HeadingID.assign` on the line `[ref]: ../index.md`:
    /// every `-N` after `ref-index-md` still starts with the reserved `ref-`.
    func testAHeadingThatStartsLikeANumberedIDGetsAnID() {
        let ids = finishes { HeadingID.assign(["[ref]: ../index.md", "Centre facilities", "Cite-1", "Centre facilities", "centre"]) }
        XCTAssertEqual(ids, ["section-ref-index-md", "section-centre-facilities", "section-cite-1", "section-centre-facilities-2", "centre"])
        for id in ids ?? [] { XCTAssertFalse(TemplateIDs.isReserved(id), id) }
    }

    /// Found as a hang of `HeadingID.assign` on a YAML list whose lines 16 and 65
    /// were `             ref-             - `: the second `ref` tried `ref-2`,
    /// `ref-3`, … all of them reserved.
    func testARepeatedHeadingNamedLikeANumberedIDPrefixGetsAnID() {
        let line = "             ref-             - "
        let ids = finishes { HeadingID.assign(["  - ", line, "    - ", line, "Centre", "Centre", "Cite", "cite", "ref"]) }
        XCTAssertEqual(ids, ["section", "ref", "section-2", "section-ref-2", "centre", "section-centre-2", "cite", "section-cite-2", "section-ref-3"])
        for id in ids ?? [] { XCTAssertFalse(TemplateIDs.isReserved(id), id) }
        let html = finishes { MarkdownFragment.render("## Centre\n\n## Centre\n", file: "x.md").html }
        XCTAssertEqual(html, "<h2 id=\"centre\">Centre</h2>\n<h2 id=\"section-centre-2\">Centre</h2>\n")
    }

    /// The same through a page: `## Centre facilities` on a centre page hung the build.
    func testAPageWithACentreHeadingRenders() {
        let text = "---\nkind: page\ntitle: x\n---\n\n## Centre facilities\n\nSee [below](#section-centre-facilities).\n"
        let source = finishes { SourceFile.parse(text, displayPath: "content/x.md", relativePath: "x.md") }
        guard case .success(let source)? = source else { return XCTFail("\(String(describing: source))") }
        XCTAssertEqual(source.outline.headingIDs, ["section-centre-facilities"])
        let html = finishes { MarkdownRenderer().render(source.body, outline: source.outline) }
        XCTAssertTrue(html?.contains("<h2 id=\"section-centre-facilities\">Centre facilities</h2>") ?? false, html ?? "")
        let fragment = finishes { MarkdownFragment.render("## Ref-1 and more\n", file: "x.md").html }
        XCTAssertTrue(fragment?.contains("<h2 id=\"section-ref-1-and-more\">") ?? false, fragment ?? "")
    }
}
