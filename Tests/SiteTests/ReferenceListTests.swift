import XCTest
@testable import SiteModel
@testable import SitePipeline

/// The reference list is rendered once per list of references cited (in
/// their order) and stands in page templates as `{{{referenceList}}}`: the
/// HTML must be what the partial made inline in each page, numbered as each
/// page cites.
final class ReferenceListTests: WorkspaceTestCase {
    /// The repository's templates with every `{{{referenceList}}}` block put back as the partial included inline.
    private func inlineTemplates() throws -> URL {
        let templates = workspace.folder.appendingPathComponent("inline-templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        var changed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let url = templates.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let inline = text.replacingOccurrences(of: "{{#hasReferences}}\n{{{referenceList}}}\n{{/hasReferences}}\n", with: "{{>references}}\n")
            if inline != text { changed += 1 }
            try Data(inline.utf8).write(to: url)
        }
        XCTAssertEqual(changed, 3, "page, service and home list references")
        return templates
    }

    private func pages(in folder: URL) throws -> [String: Data] {
        var pages: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "html" {
            pages[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return pages
    }

    func testTheReferenceListIsWhatThePartialMadeInline() throws {
        // A second page citing the same references in the other order, and one citing the first alone.
        try workspace.write("order.md", """
            ---
            kind: page
            title: Order
            description: The same references, cited the other way round.
            reviewed: 2026-11-20
            next_review: 2027-11-20
            reviewed_by: Dr Test
            ---
            First [@hofman2018], then [@strosberg2017]. Linked from [home](index.md).
            """)
        try workspace.edit("index.md", replacing: "A trial showed a response [@hofman2018].",
                           with: "A trial showed a response [@hofman2018]. See also [the order](order.md).")
        _ = try workspace.build()
        let listed = try pages(in: workspace.output)
        let inline = workspace.folder.appendingPathComponent("inline-public")
        _ = try SiteBuilder(options: BuildOptions(content: workspace.content.path, templates: try inlineTemplates().path,
                                                  output: inline.path)).build()
        XCTAssertEqual(try pages(in: inline), listed)

        // The list is numbered as each page cites: the cache is keyed by the order, not the set.
        let about = try workspace.read("about/index.html"), order = try workspace.read("order/index.html")
        XCTAssertTrue(about.contains("<li id=\"ref-1\">Strosberg"), "about: Strosberg is cited first")
        XCTAssertTrue(order.contains("<li id=\"ref-1\">Hofman"), "order: Hofman is cited first")
        XCTAssertTrue(order.contains("<li id=\"ref-2\">Strosberg"), "order: Strosberg second")
        XCTAssertEqual(listed.values.filter { String(decoding: $0, as: UTF8.self).contains("<h2 id=\"references\">") }.count, 4)
    }
}
