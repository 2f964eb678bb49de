import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteWrite

/// Builds that overlap, die or are interrupted: one build writes an output
/// folder at a time, and what an unfinished one left beside the folder goes.
final class OutputProcessTests: WorkspaceTestCase {
    /// The `site` tool, built beside the tests.
    func tool() throws -> URL {
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("site")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            XCTFail("the site tool was not built beside the tests at \(tool.path)")
            throw CocoaError(.fileNoSuchFile)
        }
        return tool
    }

    func buildProcess(_ tool: URL, errors: Pipe? = nil) -> Process {
        let process = Process()
        process.executableURL = tool
        process.arguments = ["build", "--content", workspace.content.path, "--templates", Repository.templates.path,
                             "--output", workspace.output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        return process
    }

    /// In a log (not a terminal), a build that has run long enough names each step as it ends;
    /// a short one prints nothing but its summary.
    func testALongBuildNamesEachStepInALog() throws {
        let tool = try tool()
        // A value that is not a number of seconds is the default, 2 s.
        for (after, expected) in [("0", true), ("600", false), ("soon", false), ("-1x", false)] {
            let errors = Pipe()
            let process = buildProcess(tool, errors: errors)
            process.environment = ProcessInfo.processInfo.environment.merging(["SITE_PROGRESS_AFTER": after]) { $1 }
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, text)
            let steps = text.split(separator: "\n").filter { $0.hasPrefix("build step ") }.map { $0.split(separator: ":")[0] }
            XCTAssertEqual(steps, expected ? ["build step prepare", "build step inputs", "build step load", "build step validate", "build step templates",
                                             "build step render", "build step bodies", "build step editorial", "build step write", "build step swap"] : [], text)
        }
    }

    /// The id of a process that has ended.
    func deadProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// What lies beside the output folder, hidden, apart from the manifest and the cache.
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path)
            .filter { $0.hasPrefix(".public.") && ![".public.manifest.tsv", ".public.cache", ".public.spare"].contains($0) }.sorted()
    }

    func testLeftoversOfDeadBuildsAreRemovedAndThoseOfLiveOnesKept() throws {
        _ = try workspace.build()
        let dead = try deadProcess()
        let live = Process()
        live.executableURL = URL(fileURLWithPath: "/bin/sh")
        live.arguments = ["-c", "sleep 30"]
        try live.run()
        defer { live.terminate() }
        for name in [".public.staging-\(dead)", ".public.old-\(dead)", ".public.cache-\(dead)", ".public.staging-\(live.processIdentifier)"] {
            let folder = workspace.folder.appendingPathComponent(name + "/about")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("half".utf8).write(to: folder.appendingPathComponent("index.html"))
        }
        try Data("{}".utf8).write(to: workspace.folder.appendingPathComponent(".public.manifest-\(dead)"))

        _ = try workspace.build()
        XCTAssertEqual(try leftovers(), [".public.staging-\(live.processIdentifier)"])
    }

    /// A build killed between its two renames leaves the previous site as
    /// `.public.old-PID` and no `public/`: the next build puts it back first.
    func testThePreviousSiteOfABuildKilledMidSwapIsPutBack() throws {
        _ = try workspace.build()
        let before = try snapshot(workspace.output)
        let dead = try deadProcess()
        try FileManager.default.moveItem(at: workspace.output, to: workspace.folder.appendingPathComponent(".public.old-\(dead)"))
        try workspace.edit("centres/oxford.md", replacing: "OX4 6LB", with: "OX4")

        XCTAssertFalse(workspace.failingBuild().isEmpty)
        XCTAssertEqual(try snapshot(workspace.output), before)
        XCTAssertEqual(try leftovers(), [])
    }

    func testABuildRefusesCleanlyWhileAnotherHoldsTheOutput() throws {
        _ = try workspace.build()
        let before = try snapshot(workspace.output)
        var held: OutputLock? = try OutputWriter(output: workspace.output.path).lock(waitingUpTo: 0)
        let steps = [BuildStep.prepare(waitingUpTo: 0.2)] + BuildStep.standard(check: false).dropFirst()
        XCTAssertThrowsError(try SiteBuilder(options: workspace.options(), steps: steps).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.reasons, [.outputBusy], "\(error)")
            XCTAssertEqual((error as? BuildFailure)?.errors.map(\.file), [workspace.output.path])
        }
        XCTAssertEqual(try snapshot(workspace.output), before)
        XCTAssertNotNil(held)
        held = nil

        _ = try workspace.build()
        XCTAssertEqual(try leftovers(), [], "the lock file outlived the build")
    }

    func testTwoBuildsAtOnceIntoOneOutputTakeTurnsAndLeaveItWhole() throws {
        let tool = try tool()
        _ = try workspace.build()
        let whole = try snapshot(workspace.output)
        let pipes = [Pipe(), Pipe()]
        let processes = pipes.map { buildProcess(tool, errors: $0) }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }

        for (process, pipe) in zip(processes, pipes) {
            let errors = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 0, errors)
        }
        XCTAssertEqual(try snapshot(workspace.output), whole)
        XCTAssertEqual(try leftovers(), [])
    }

    /// Ctrl-C while the site is being written removes the unfinished site
    /// before the process ends; the previous site stays as it was. On a busy
    /// machine the signal may come only after the swap or the end: then the
    /// new site must be whole, and another attempt is made.
    func testAnInterruptDuringTheWriteRemovesTheStagingFolder() throws {
        let tool = try tool()
        _ = try workspace.build()
        let generated = workspace.content.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        for number in 0..<1500 {
            // Without the sync to disk of `Data.write`, which would take seconds for so many files.
            try OutputWriter.write(Data("""
                ---
                kind: page
                title: Generated page \(number)
                description: A page that makes the site large enough to interrupt while it is written.
                reviewed: 2026-01-10
                next_review: 2029-01-10
                reviewed_by: Fixture clinical team
                ---

                \(String(repeating: "A paragraph of the generated page, with *emphasis*.\n\n", count: 8))
                """.utf8), to: generated.appendingPathComponent("page-\(number).md").path)
        }
        var interrupted = 0
        for _ in 1...3 where interrupted == 0 {
            let before = try snapshot(workspace.output)
            let process = buildProcess(tool)
            try process.run()
            let staging = workspace.folder.appendingPathComponent(".public.staging-\(process.processIdentifier)")
            // Polled often: writing 1500 pages takes a few hundred milliseconds.
            while process.isRunning && !FileManager.default.fileExists(atPath: staging.path) { usleep(2_000) }
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()

            XCTAssertEqual(try leftovers().filter { $0.hasPrefix(".public.staging-") || $0.hasPrefix(".public.old-") }, [])
            let after = try snapshot(workspace.output)
            if after != before {
                XCTAssertEqual(after.keys.filter { $0.hasPrefix("generated/") }.count, 1500)
                XCTAssertEqual(OutputWriter(output: workspace.output.path).contentRefusals(expecting: nil), [])
            }
            if process.terminationStatus == 128 + SIGINT && after == before { interrupted += 1 }
        }
        XCTAssertEqual(interrupted, 1, "no attempt was interrupted while it wrote the site")
    }
}
