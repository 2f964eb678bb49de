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

final class FrontMatterTests: XCTestCase {
    func testFieldsKeepTheirFileLines() throws {
        let text = "---\nkind: page\ntitle: Hello\n\ndescription: A page\n---\nBody\n"
        let source = try SourceFile.parse(text, displayPath: "content/a.md", relativePath: "a.md").get()
        XCTAssertEqual(source.frontMatter.fields.map(\.key), ["kind", "title", "description"])
        XCTAssertEqual(source.frontMatter["title"]?.line, 3)
        XCTAssertEqual(source.frontMatter["description"]?.line, 5)
        XCTAssertEqual(source.body, "Body\n")
        XCTAssertEqual(source.bodyLineOffset, 6)
    }

    func testMissingOpeningFenceIsAnError() {
        let result = SourceFile.parse("title: x\n", displayPath: "content/a.md", relativePath: "a.md")
        guard case .failure(let diagnostic) = result else { return XCTFail("parsed") }
        XCTAssertEqual(diagnostic.file, "content/a.md")
        XCTAssertEqual(diagnostic.line, 1)
        XCTAssertEqual(diagnostic.reason, .missingFrontMatter)
    }

    func testUnclosedFrontMatterIsAnError() {
        let result = SourceFile.parse("---\ntitle: x\n", displayPath: "content/a.md", relativePath: "a.md")
        guard case .failure(let diagnostic) = result else { return XCTFail("parsed") }
        XCTAssertEqual(diagnostic.reason, .unclosedFrontMatter)
    }

    func testYAMLSyntaxErrorNamesItsLine() {
        let text = "---\nkind: page\ntitle: [unclosed\nnext: x\n---\n"
        let result = SourceFile.parse(text, displayPath: "content/a.md", relativePath: "a.md")
        guard case .failure(let diagnostic) = result else { return XCTFail("parsed") }
        XCTAssertEqual(diagnostic.file, "content/a.md")
        XCTAssertGreaterThanOrEqual(diagnostic.line, 3)
        XCTAssertEqual(diagnostic.reason, .yamlSyntax, diagnostic.message)
    }

    func testDuplicateFieldIsAnError() {
        let result = SourceFile.parse("---\ntitle: a\ntitle: b\n---\n", displayPath: "c.md", relativePath: "c.md")
        guard case .failure(let diagnostic) = result else { return XCTFail("parsed") }
        XCTAssertEqual(diagnostic.reason, .repeatedField, diagnostic.message)
    }

    func testWindowsLineEndingsAndByteOrderMark() throws {
        let text = "\u{FEFF}---\r\nkind: page\r\n---\r\nBody\r\n"
        let source = try SourceFile.parse(text, displayPath: "a.md", relativePath: "a.md").get()
        XCTAssertEqual(source.frontMatter["kind"]?.value.scalar?.string, "page")
    }
}
