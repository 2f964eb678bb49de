import Foundation
import SiteModel
import SiteWrite

/// Runs the steps of a build in order (prepare -> load -> validate ->
/// templates -> render -> write, an optional check and compression, then the swap), each
/// timed, its warnings collected. A step that finds errors stops the build
/// with all of them and the stage that found them; the staged site is
/// removed and the output folder is untouched. The output folder's lock,
/// taken by the prepare step, is let go when the build returns or throws.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions
    public var steps: [BuildStep]

    public init(options: BuildOptions, steps: [BuildStep] = BuildStep.standard(check: false)) {
        self.options = options
        self.steps = steps
    }

    public func build() throws -> BuildReport {
        var state = BuildState(options: options)
        var report = BuildReport()
        for step in steps {
            let start = DispatchTime.now().uptimeNanoseconds
            let diagnostics: [Diagnostic]
            do {
                diagnostics = try step.run(&state)
            } catch {
                state.staged?.discard()
                throw error
            }
            report.stages.append((step.stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000))
            report.warnings += diagnostics.filter { $0.severity == .warning }
            if diagnostics.hasErrors {
                state.staged?.discard()
                throw BuildFailure(stage: step.stage, diagnostics: diagnostics.sortedForDisplay())
            }
        }
        if let site = state.site {
            report.pages = site.pages.count
            report.redirects = site.pages.filter { !$0.draft }.reduce(0) { $0 + $1.aliases.count }
            report.centres = site.centres.count
            report.references = site.references.count
            report.draftsLeftOut = site.draftsLeftOut
            report.filesPassedOver = site.filesPassedOver
            report.basePath = site.settings.paths.basePath
        }
        report.files = state.files.count
        if let precompressed = state.precompressed {
            report.compressed = precompressed.compressed
            report.compressionReused = precompressed.reused
        }
        return report
    }

    /// The build for the command line: SIGINT or SIGTERM meanwhile first
    /// removes the unfinished site beside the output folder, then ends the process.
    public func buildRemovingUnfinishedOnInterrupt() throws -> BuildReport {
        let handlers = InterruptCleanup.install()
        defer { handlers.remove() }
        return try build()
    }
}
