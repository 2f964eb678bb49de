import Foundation
import SiteLoad
import SiteModel
import SiteWrite

/// Runs the steps of a build in order (prepare -> inputs -> load -> validate
/// -> templates -> render -> bodies -> editorial -> write, an optional check
/// and compression, then the swap), each timed, its warnings collected. A
/// step that finds errors stops the build with all of them and the stage
/// that found them; the staged site is removed and the output folder is
/// untouched. The output folder's lock, taken by the prepare step, is let
/// go when the build returns or throws.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions
    public var steps: [BuildStep]
    /// Told as each step starts and ends (the command line's progress).
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(options: BuildOptions, steps: [BuildStep] = BuildStep.standard(check: false)) {
        self.options = options
        self.steps = steps
    }

    public func build() throws -> BuildReport {
        var state = BuildState(options: options)
        state.stages = steps.map(\.stage)
        var report = BuildReport()
        for step in steps {
            // A build of edited bodies alone has its pages made already (`BodyEdit`).
            if state.bodyEdit != nil, BuildStep.passedOverByBodyEdit.contains(step.stage) { continue }
            // The prepare step's answer, before anything is written.
            if !BuildStep.readingOnly.contains(step.stage), let refusals = state.takeOutputRefusals() {
                try stop(&state, .prepare, refusals)
            }
            progress?(.started(step.stage))
            let start = DispatchTime.now().uptimeNanoseconds
            let diagnostics: [Diagnostic]
            do {
                diagnostics = try step.run(&state)
            } catch {
                state.staging?.discard()
                state.putBackSpare()
                throw error
            }
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            report.stages.append((step.stage, milliseconds))
            progress?(.finished(step.stage, milliseconds: milliseconds))
            report.warnings += diagnostics.filter { $0.severity == .warning }
            if diagnostics.hasErrors {
                // The output folder's refusals come first, as when the prepare step waited for them.
                if let refusals = state.takeOutputRefusals() { try stop(&state, .prepare, refusals) }
                try stop(&state, step.stage, diagnostics)
            }
            if let cached = state.upToDate {
                if let refusals = state.takeOutputRefusals() { try stop(&state, .prepare, refusals) }
                return report.answering(cached)
            }
            // The outlines are known once the render step has parsed the pages, and so are the rendered pages'
            // fragments: their records are encoded beside the steps after it (encoded once those were done,
            // the fragments' records of 10,000 pages kept the build's end waiting some 50 ms on one core).
            if step.stage == .render, let fingerprint = state.fingerprint, steps.contains(where: { $0.stage == .swap }) {
                let (sources, cached) = (state.loaded?.sources ?? [], state.cachedOutlines)
                state.outlineRecords = Ahead { Self.outlineRecords(sources, tool: fingerprint.tool.hash, reusing: cached) }
                if let site = state.site, let rendered = state.renderedFragments {
                    let (fileHashes, cache) = (state.staging?.hashes() ?? [:], state.cache)
                    state.fragmentRecords = Ahead { FragmentRecords.encode(site.pages, rendered: rendered, fileHashes: fileHashes, cached: cache?.fragments()) }
                }
            }
            // What the cache will hold is known once the editorial findings are: encoded beside the steps that write.
            if step.stage == .editorial, let fingerprint = state.fingerprint, steps.contains(where: { $0.stage == .swap }) {
                // Without the lock: the output folder is let go when the build ends, whatever this thread does.
                var ready = state
                ready.outputLock = nil
                state.cacheFiles = Ahead { [ready] in Self.cacheFiles(of: ready, fingerprint) }
            }
        }
        // Steps that made no staging folder leave the spare as it was.
        state.putBackSpare()
        report.checked = steps.contains { $0.stage == .check }
        if let edit = state.bodyEdit {
            report = report.answering(edit.report)
            report.upToDate = false
        } else if let site = state.site {
            report.pages = site.pages.count
            report.redirects = site.pages.filter { !$0.draft }.reduce(0) { $0 + $1.aliases.count }
            report.centres = site.centres.count
            report.references = site.references.count
            report.draftsLeftOut = site.draftsLeftOut
            report.filesPassedOver = site.filesPassedOver
            report.basePath = site.settings.paths.basePath
        }
        report.files = state.files
        if let precompressed = state.precompressed {
            report.compressed = precompressed.compressed
            report.compressionReused = precompressed.reused
        }
        report.reusedPages = state.reusedPages
        if let fingerprint = state.fingerprint, steps.contains(where: { $0.stage == .swap }) {
            remember(report, of: state, fingerprint)
        }
        // The lock goes now; what the build held (some 250 MB for 10,000 pages, a tenth of a second
        // to free) is freed on another thread, which a process that ends meanwhile does not wait for.
        // Handed over whole: a copy kept here would be freed here whenever that thread is done first.
        state.outputLock = nil
        let held = HeldState(state)
        state = BuildState(options: options)
        DispatchQueue.global(qos: .utility).async { held.free() }
        return report
    }

    /// A finished build's state, for another thread to free.
    private final class HeldState: @unchecked Sendable {
        private var state: BuildState?
        init(_ state: BuildState) { self.state = state }
        /// Called once, by the one thread that holds it then.
        func free() { state = nil }
    }

    /// Ends the build with `stage`'s errors, if `diagnostics` hold any; the staged site goes.
    private func stop(_ state: inout BuildState, _ stage: Stage, _ diagnostics: [Diagnostic]) throws {
        guard diagnostics.hasErrors else { return }
        state.staging?.discard()
        state.putBackSpare()
        throw BuildFailure(stage: stage, diagnostics: diagnostics.sortedForDisplay())
    }

    /// Keeps what this build was made from beside the output, for the next
    /// build. Without it the next build is a full one; nothing else is lost.
    private func remember(_ report: BuildReport, of state: BuildState, _ fingerprint: InputFingerprint) {
        guard let files = state.bodyEdit?.cacheFiles ?? state.cacheFiles?.wait() ?? Self.cacheFiles(of: state, fingerprint) else { return }
        let location = state.writer.location
        let summary = BuildCache.Summary(tool: fingerprint.tool, whole: fingerprint.whole.hex, frame: fingerprint.frame.hex,
                                         manifest: BuildCache.manifestHash(location), appendedRecords: state.bodyEdit?.appendedRecords,
                                         report: report.cached)
        try? BuildCache.write(summary: summary, files: files, beside: location)
    }

    /// The cache's files but its summary, made from what the steps up to the
    /// editorial one found; nil without a validated site.
    static func cacheFiles(of state: BuildState, _ fingerprint: InputFingerprint) -> BuildCache.Files? {
        guard let site = state.site else { return nil }
        let findings = state.pageFindings
        let pages = Array(site.pages.indices).concurrentMap { index in
            let page = site.pages[index]
            return (page.outputFile, BuildCache.PageRecord(outputKey: fingerprint.pageKey(page), editorialKey: fingerprint.editorialKey(page),
                                                           findings: index < findings.count ? findings[index] : []))
        }
        let outlines = state.outlineRecords?.wait()
            ?? outlineRecords(state.loaded?.sources ?? [], tool: fingerprint.tool.hash, reusing: state.cachedOutlines)
        let fragments = state.fragmentRecords?.wait() ?? state.renderedFragments.map {
            FragmentRecords.encode(site.pages, rendered: $0, fileHashes: state.staging?.hashes() ?? [:], cached: state.cache?.fragments())
        }
        return BuildCache.Files(pages: pages, outlines: outlines, stamps: fingerprint.stamps, bodies: state.bodyChecks, fragments: fragments)
    }

    /// The cache's records of the sources' outlines (each made now if not known).
    private static func outlineRecords(_ sources: [SourceFile], tool: UInt64, reusing cached: CachedOutlines?) -> Data {
        OutlineRecords.encode(sources.compactMap { source in source.contentHash.map { ($0, source.outline, source.front) } }, tool: tool, reusing: cached)
    }

    /// The build for the command line: SIGINT or SIGTERM meanwhile first
    /// removes the unfinished site beside the output folder, then ends the process.
    public func buildRemovingUnfinishedOnInterrupt() throws -> BuildReport {
        let handlers = InterruptCleanup.install()
        defer { handlers.remove() }
        return try build()
    }
}

/// A step of the build starting or done.
public enum BuildProgress: Sendable {
    case started(Stage)
    case finished(Stage, milliseconds: Double)
}

extension BuildReport {
    /// What the cache keeps of a report.
    var cached: BuildCache.CachedReport {
        BuildCache.CachedReport(pages: pages, redirects: redirects, centres: centres, references: references, files: files,
                                draftsLeftOut: draftsLeftOut, filesPassedOver: filesPassedOver, basePath: basePath,
                                checked: checked, warnings: warnings)
    }

    /// This build's timings with the counts and warnings of the build it found up to date.
    func answering(_ cached: BuildCache.CachedReport) -> BuildReport {
        var report = self
        report.pages = cached.pages
        report.redirects = cached.redirects
        report.centres = cached.centres
        report.references = cached.references
        report.files = cached.files
        report.draftsLeftOut = cached.draftsLeftOut
        report.filesPassedOver = cached.filesPassedOver
        report.basePath = cached.basePath
        report.checked = cached.checked
        report.warnings = cached.warnings
        report.upToDate = true
        return report
    }
}
