import XCTest
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline

/// A build parses each page's Markdown once: the load step reads the front
/// matter alone, the render step's parse gives the page's outline with its
/// HTML, and the bodies' links, anchors and citations are checked after it.
final class OutlineAtRenderTests: WorkspaceTestCase {
    /// Runs `steps` of a build without the cache on `state`; fails on an error.
    private func run(_ steps: [BuildStep], _ state: inout BuildState, file: StaticString = #filePath, line: UInt = #line) throws {
        for step in steps {
            XCTAssertEqual(try step.run(&state).filter { $0.severity == .error }, [], "\(step.stage)", file: file, line: line)
        }
    }

    /// The failure of a build that must fail.
    private func failure(file: StaticString = #filePath, line: UInt = #line) throws -> BuildFailure {
        do {
            _ = try workspace.build()
        } catch let failure as BuildFailure {
            return failure
        }
        XCTFail("the build succeeded", file: file, line: line)
        throw CancellationError()
    }

    func testTheLoadStepParsesNoBodyAndTheRenderStepGivesEachPageItsOutline() throws {
        var options = workspace.options()
        options.incremental = false
        var state = BuildState(options: options)
        state.stages = BuildStep.standard(check: false).map(\.stage)
        defer { state.staging?.discard() }
        try run([.prepare, .load, .validate], &state)
        let sources = try XCTUnwrap(state.loaded?.sources)
        XCTAssertGreaterThan(sources.count, 5)
        XCTAssertEqual(sources.filter { $0.bodyOutline.known != nil }.map(\.relativePath), [], "no body parsed before the render step")
        try run([.templates, .render], &state)
        let pages = try XCTUnwrap(state.site?.pages)
        XCTAssertGreaterThan(pages.count, 3)
        for page in pages {
            let kept = try XCTUnwrap(page.source.bodyOutline.known, page.source.relativePath)
            XCTAssertEqual(kept, MarkdownOutline(markdown: page.source.body, lineOffset: page.source.bodyLineOffset), page.source.relativePath)
        }
        XCTAssertFalse(try XCTUnwrap(pages.first { $0.source.relativePath == "about.md" }).source.outline.citations.isEmpty)
        try run([.bodies, .editorial, .write, .swap], &state)
        XCTAssertTrue(try workspace.read("about/index.html").contains("href=\"../#welcome-2\""))
    }

    /// An outline not known when its file is loaded is made at the first question, once;
    /// what a render keeps later does not replace it.
    func testAnOutlineNotKnownIsMadeAtTheFirstQuestion() throws {
        let loaded = ContentLoader(directory: workspace.content, displayRoot: "content").load()
        let source = try XCTUnwrap(loaded.sources.first { $0.relativePath == "about.md" })
        XCTAssertNil(source.bodyOutline.known)
        let outline = source.outline
        XCTAssertEqual(source.bodyOutline.known, outline)
        XCTAssertEqual(outline.headingIDs, ["evidence"])
        // What a render keeps later is the same outline: the first one stays.
        source.bodyOutline.keep(MarkdownOutline())
        XCTAssertEqual(source.outline, outline)
        let fresh = try XCTUnwrap(ContentLoader(directory: workspace.content, displayRoot: "content").load().sources.first { $0.relativePath == "about.md" })
        fresh.bodyOutline.keep(outline)
        XCTAssertEqual(fresh.outline, outline)
    }

    func testABrokenAnchorStopsTheBuildAfterTheRenderStepAndLeavesTheOutput() throws {
        _ = try workspace.build()
        let before = try snapshot(workspace.output)
        try workspace.edit("about.md", replacing: "(index.md#welcome-2)", with: "(index.md#no-such-heading)")
        let failure = try failure()
        XCTAssertEqual(failure.stage, .bodies)
        XCTAssertEqual(failure.errors.map { "\($0.file):\($0.line) \($0.reason)" }, ["\(workspace.displayPath("about.md")):13 brokenAnchor"])
        XCTAssertEqual(try snapshot(workspace.output), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)
            .filter { $0.hasPrefix(".") && !$0.hasSuffix(".manifest.tsv") && !$0.hasSuffix(".cache") && !$0.hasSuffix(".spare") }
        XCTAssertEqual(leftovers, [])
        // Put right, the next build goes through.
        try workspace.edit("about.md", replacing: "(index.md#no-such-heading)", with: "(index.md#welcome-2)")
        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    /// Fields in error stop the build before it renders, with the bodies' problems beside them.
    func testFieldErrorsAndBodyErrorsAreReportedByOneBuild() throws {
        try workspace.edit("about.md", replacing: "(index.md#welcome-2)", with: "(index.md#no-such-heading)")
        try workspace.edit("centres/oxford.md", replacing: "OX4 6LB", with: "OX4")
        let failure = try failure()
        XCTAssertEqual(failure.stage, .validate)
        XCTAssertEqual(Set(failure.errors.map(\.file)), [workspace.displayPath("about.md"), workspace.displayPath("centres/oxford.md")])
        XCTAssertEqual(failure.errors.map { "\($0.reason)" }.sorted(), ["badFormat", "brokenAnchor"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.path))
    }

    /// Every kind of body problem in one page whose fields are valid: the page
    /// is rendered before its body is checked, and must not take the build down.
    func testEveryBodyProblemIsOneErrorOfItsOwnAfterTheRender() throws {
        _ = try workspace.build()
        let before = try snapshot(workspace.output)
        let long = String(repeating: "a", count: 1 << 20)
        try workspace.edit("about.md", replacing: "## Evidence\n", with: """
            ## Evidence

            Raw <b>HTML</b> here.

            [gone](missing.md) [out](../../etc/passwd) [script](javascript:alert(1)) [long](\(long).md) [anchor](#nowhere)

            Unknown [@nobody2020] and a FILL IN left.

            ![](images/scan.png)

            > [!WHATEVER]
            > An unknown callout.

            Text then [a button](index.md "button") inside.

            | a | b |
            | 1 | 2 |

            """)
        let failure = try failure()
        XCTAssertEqual(failure.stage, .bodies)
        XCTAssertEqual(Set(failure.errors.map(\.file)), [workspace.displayPath("about.md")])
        XCTAssertEqual(failure.errors.map { "\($0.line) \($0.reason)" }.sorted(), [
            "13 rawHTML", "15 brokenLink", "15 brokenLink", "15 brokenLink", "15 brokenAnchor", "15 forbiddenLink",
            "17 placeholder", "17 unknownCitation", "19 missingAltText", "21 unknownCallout", "24 misplacedButton", "26 tableWithoutHeader",
        ].sorted(), failure.description)
        XCTAssertEqual(try snapshot(workspace.output), before)
    }
}
