import Foundation
import XCTest
@testable import SiteMarkdown
@testable import SiteModel
@testable import SiteRender

/// A page's HTML put into its file as bytes where the template showed a stand-in (`PageBody`).
final class PageBodyTests: XCTestCase {
    let html = Array("<p>Hello <em>there</em>.</p>\n".utf8)

    func testTheHTMLIsPutWhereItsStandInStandsOnceAndNowhereElse() throws {
        let mark = PageBody.standIn
        func file(_ output: String, html: [UInt8]) -> (file: Data, start: Int)? {
            TemplateOutput.text(output).withBytes { PageBody.file($0, html: html) }
        }
        let made = try XCTUnwrap(file("<main>" + mark + "</main>\n", html: html))
        XCTAssertEqual(made.file, Data("<main><p>Hello <em>there</em>.</p>\n</main>\n".utf8))
        XCTAssertEqual(made.start, 6)
        XCTAssertEqual(try XCTUnwrap(file(mark, html: html)).file, Data(html))
        for output in ["<main></main>", mark + mark, "a" + mark + "\u{0}", "\u{0}" + mark, mark.dropLast() + "", "\u{0}&lt;page-body&gt;\u{0}\n",
                       "\u{0}&lt;page-body&gt;\u{0}\n" + mark, mark + "\u{0}&lt;page-body&gt;\u{0}\n"] {
            XCTAssertNil(file(output, html: html), output.debugDescription)
        }
        // Only HTML ending in a line break of its own stands in: the template library indents after one.
        XCTAssertTrue(PageBody.hasStandIn(html))
        for other in ["", "\n", "<p>x</p>", "<p>x</p>\r\n"] { XCTAssertFalse(PageBody.hasStandIn(Array(other.utf8)), other.debugDescription) }
    }

    /// Whatever the template does with the HTML, the page is as rendered with the HTML itself.
    func testAPageIsAsRenderedWithItsHTMLWhereverTheTemplateShowsIt() throws {
        let variants: [(String, [String: String])] = [
            ("[{{{content}}}]", [:]),
            ("{{content}}", [:]),
            ("{{{content}}}{{{content}}}", [:]),
            ("{{{content}}}<hr>{{content}}", [:]),
            ("{{content}}<hr>{{{content}}}", [:]),
            ("{{#content}}({{{.}}}){{/content}}", [:]),
            ("{{#content}}({{.}}){{/content}}", [:]),
            ("{{^content}}none{{/content}}", [:]),
            ("no body", [:]),
            ("x\n  {{>body}}\nend\n", ["body": "{{{content}}}\nafter\n  {{content}}\n"]),
            ("x\n  {{>body}}\n", ["body": "<div>\n{{{content}}}</div>\n"]),
            ("{{<frame}}{{$main}}{{{content}}}{{/main}}{{/frame}}", ["frame": "<main>\n  {{$main}}{{/main}}\n</main>\n"]),
            ("{{title}}|{{{content}}}", [:]),
            // A NUL of the template's own, before or after: fields and bodies hold none (validation, cmark).
            ("a\u{0}b{{{content}}}", [:]),
            ("{{{content}}}a\u{0}b", [:]),
            // The stand-in's own bytes written in the template, and the HTML left out or shown beside them.
            (PageBody.standIn, [:]),
            (PageBody.standIn + "{{{content}}}", [:]),
        ]
        let bodies = ["Hello *there*.", "", "   ", "```\ncode\r\nlines\n```", "Line one\\\r\nline two", "Ends in a hard break  ", "## A heading"]
        for (template, partials) in variants {
            for body in bodies {
                let workspace = try Workspace()
                let templates = workspace.folder.appendingPathComponent("templates")
                try FileManager.default.copyItem(at: Repository.templates, to: templates)
                try Data(("{{% CONTENT_TYPE: HTML}}\n" + template).utf8).write(to: templates.appendingPathComponent("page.mustache"))
                for (name, text) in partials {
                    try Data(("{{% CONTENT_TYPE: HTML}}\n" + text).utf8).write(to: templates.appendingPathComponent("partials/\(name).mustache"))
                }
                try workspace.write("plain.md", """
                    ---
                    kind: page
                    title: Plain
                    description: A page whose body is rendered where the template says.
                    reviewed: 2026-01-10
                    next_review: 2029-01-10
                    reviewed_by: Fixture clinical team
                    ---

                    \(body)

                    """)
                let name = "\(template.debugDescription) with \(body.debugDescription)"
                _ = try workspace.build(templates: templates)
                let made = try Data(contentsOf: workspace.output.appendingPathComponent("plain/index.html"))
                let html = MarkdownRenderer().renderReading(body, lineOffset: 0, knownOutline: nil).html
                let set = try XCTUnwrap(TemplateSet.load(directory: templates, displayRoot: "templates").0)
                // Rendered by the library itself, not through a skeleton (`TemplateSkeleton`).
                let expected = try XCTUnwrap(set.library.render(TemplateBox(Shown(title: "Plain", content: String(decoding: html, as: UTF8.self))),
                                                                withTemplate: "page"))
                XCTAssertEqual(String(decoding: made, as: UTF8.self), expected, name)
            }
        }
    }
}

/// The two names the variants above show.
private final class Shown: TemplateView {
    let title: String
    let content: String
    init(title: String, content: String) { (self.title, self.content) = (title, content) }
    enum Key: String, CaseIterable { case title, content }
    func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .title: return TemplateValue(title)
        case .content: return TemplateValue(content)
        }
    }
}
