import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
@testable import SiteWrite

/// The render step writes each file into the staging folder as it makes it:
/// a build that fails after the first files are written must still leave
/// nothing behind and the previous site as it was.
final class StreamedWriteTests: WorkspaceTestCase {
    /// What the build keeps beside the output besides its manifest and cache: nothing, after a failure.
    /// What a build left beside the output but its manifest, its cache and the spare site (see `SpareSite`).
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)
            .filter { $0.hasPrefix(".") && !$0.hasSuffix(".manifest.tsv") && !$0.hasSuffix(".cache") && $0 != ".public.spare" }
    }

    /// Collects the paths it is given; fails on `failing`.
    final class PathSink: OutputSink, @unchecked Sendable {
        let failing: String?
        private let lock = NSLock()
        private(set) var paths: [String] = []

        init(failing: String? = nil) {
            self.failing = failing
        }

        func put(_ file: OutputFile) throws {
            if file.path == failing { throw CocoaError(.fileWriteOutOfSpace) }
            lock.withLock { paths.append(file.path) }
        }
    }

    func plannedRender() throws -> (SiteRenderer, SiteRenderer.Plan) {
        let (site, problems) = validate(workspace)
        XCTAssertFalse(problems.hasErrors, "\(problems)")
        let templates = try XCTUnwrap(TemplateSet.load(directory: Repository.templates, displayRoot: "templates").0)
        let renderer = SiteRenderer(site: try XCTUnwrap(site), templates: templates)
        let (plan, diagnostics) = renderer.plan()
        XCTAssertEqual(diagnostics, [])
        return (renderer, try XCTUnwrap(plan))
    }

    func testEveryPlannedFileReachesTheSinkOnce() throws {
        let (renderer, plan) = try plannedRender()
        let sink = PathSink()
        XCTAssertEqual(try renderer.render(plan, into: sink), [])
        XCTAssertEqual(sink.paths.sorted(), plan.paths.sorted())
        XCTAssertTrue(plan.paths.contains("about/index.html") && plan.paths.contains("images/scan.png"), "\(plan.paths)")
    }

    func testWhatTheSinkRefusesIsThrown() throws {
        let (renderer, plan) = try plannedRender()
        XCTAssertThrowsError(try renderer.render(plan, into: PathSink(failing: "about/index.html"))) { error in
            XCTAssertEqual((error as? CocoaError)?.code, .fileWriteOutOfSpace)
        }
    }

    func testAFileThatCannotBeWrittenWhileRenderingLeavesTheOldSite() throws {
        _ = try workspace.build()
        let before = try snapshot(workspace.output)
        // Gone after the content was read: its copy fails once pages are already in the staging folder.
        let image = workspace.content.appendingPathComponent("images/scan.png")
        let vanish = BuildStep(.templates) { state in
            try FileManager.default.removeItem(at: image)
            return try BuildStep.templates.run(&state)
        }
        let steps = BuildStep.standard(check: false).map { $0.stage == .templates ? vanish : $0 }
        // Not incremental: nothing changed before the image went, so the build would stop as up to date.
        var options = workspace.options()
        options.incremental = false
        XCTAssertThrowsError(try SiteBuilder(options: options, steps: steps).build()) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(failure?.stage, .render)
            XCTAssertEqual(failure?.errors.reasons, [.writeFailed])
            XCTAssertTrue(failure?.errors.first?.message.contains("images/scan.png") ?? false, "\(String(describing: failure))")
        }
        XCTAssertEqual(try leftovers(), [], "the staging folder was left")
        // What the failed build staged is the next build's spare.
        XCTAssertFalse(try snapshot(workspace.folder.appendingPathComponent(".public.spare")).isEmpty)
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testAFailedBuildRemovesTheFoldersItMadeForTheOutput() throws {
        var options = workspace.options()
        options.output = workspace.folder.appendingPathComponent("made/for/public").path
        let planted = BuildStep(.check) { _ in [.error("index.html", 1, .orphanPage, "planted finding")] }
        let failing = SiteBuilder(options: options, steps: BuildStep.standard(check: false).dropLast() + [planted, .swap])
        XCTAssertThrowsError(try failing.build())
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent("made").path))
        // And with the folders made, a build that succeeds keeps them.
        _ = try SiteBuilder(options: options).build()
        XCTAssertTrue(FileManager.default.fileExists(atPath: options.output + "/index.html"))
    }
}
