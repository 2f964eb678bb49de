import Foundation
import SiteModel
import SitePipeline

/// The site as the preview shows it: built into a folder of its own (never
/// the output a deploy takes), with drafts, and built again after every
/// change. A failed build leaves the last good one in place; its findings
/// go to the terminal and to every open page.
public final class LiveSite: @unchecked Sendable {
    public let options: BuildOptions
    /// Quiet time after a change before building, so several quick saves give one build.
    public let debounce: DispatchTimeInterval
    private let report: @Sendable (_ line: String, _ isError: Bool) -> Void
    private let queue = DispatchQueue(label: "site preview build")
    private let lock = NSLock()
    private var state = PreviewState()
    private var currentBasePath: String?
    private var pendingChange = 0
    let events = EventHub()

    public init(options: BuildOptions, debounce: DispatchTimeInterval = .milliseconds(10),
                report: @escaping @Sendable (_ line: String, _ isError: Bool) -> Void) {
        self.options = options
        self.debounce = debounce
        self.report = report
    }

    public var current: PreviewState {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    /// Where the site root sits, from the last good build.
    public var basePath: String? {
        lock.lock()
        defer { lock.unlock() }
        return currentBasePath
    }

    public var folder: URL { URL(fileURLWithPath: options.output) }

    /// Builds now and waits for it.
    public func buildNow() {
        queue.sync { build() }
    }

    /// A file changed: build once the changes stop for `debounce`.
    public func changed() {
        queue.async { [self] in
            pendingChange += 1
            let token = pendingChange
            queue.asyncAfter(deadline: .now() + debounce) { [self] in
                if token == pendingChange { build() }
            }
        }
    }

    /// Runs on `queue` only.
    private func build() {
        let start = DispatchTime.now().uptimeNanoseconds
        var next = current
        next.attempt += 1
        do {
            let result = try SiteBuilder(options: options).build()
            next.build += 1
            next.errors = []
            next.warnings = result.warnings.map(PreviewState.Finding.init)
            for warning in result.warnings { report(warning.description, true) }
            let milliseconds = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            report("rebuilt in \(milliseconds) ms: \(result.summary)", false)
            lock.lock()
            currentBasePath = result.basePath
            lock.unlock()
        } catch let failure as BuildFailure {
            next.errors = failure.errors.map(PreviewState.Finding.init)
            next.warnings = failure.diagnostics.filter { $0.severity == .warning }.map(PreviewState.Finding.init)
            for diagnostic in failure.diagnostics { report(diagnostic.description, true) }
            report("build failed in stage '\(failure.stage.rawValue)': \(failure.errors.count) error(s); the preview shows the last good build", true)
        } catch {
            next.errors = [PreviewState.Finding(.error(options.output, 1, .writeFailed, "\(error)"))]
            report("build failed: \(error)", true)
        }
        lock.lock()
        state = next
        lock.unlock()
        events.publish(Self.event(next))
    }

    static func event(_ state: PreviewState) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(state)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return EventHub.event("state", data: json)
    }
}
