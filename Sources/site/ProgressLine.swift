import Foundation
import SitePipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a long build shows it is alive, once it has run for 2 s (a short
/// build prints only its summary). On a terminal, one line on standard error
/// names the step and the time so far, redrawn in place and cleared at the
/// end; in a log (CI), one line per step, each as it ends.
final class ProgressLine: @unchecked Sendable {
    private let terminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private let start = Date()
    private var stage = ""
    private var shown = false
    private var finished: [String] = []
    private var streaming = false
    private var timer: DispatchSourceTimer?

    /// Seconds before anything is shown; `SITE_PROGRESS_AFTER` sets another (0 shows every build's steps).
    static let delay = ProcessInfo.processInfo.environment["SITE_PROGRESS_AFTER"].flatMap(Double.init) ?? 2.0

    init() {
        guard terminal else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + Self.delay, repeating: 0.25)
        timer.setEventHandler { [weak self] in self?.redraw() }
        timer.resume()
        self.timer = timer
    }

    func update(_ progress: BuildProgress) {
        lock.lock()
        defer { lock.unlock() }
        switch progress {
        case .started(let stage):
            self.stage = stage.rawValue
        case .finished(let stage, let milliseconds):
            guard !terminal else { return }
            finished.append(String(format: "build step %@: %.1f ms\n", stage.rawValue, milliseconds))
            if streaming || Date().timeIntervalSince(start) >= Self.delay {
                Self.write(finished.joined())
                finished = []
                streaming = true
            }
        }
    }

    /// Stops and clears the line, before the summary is printed.
    func finish() {
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        if shown { Self.write("\r\u{1B}[K") }
        shown = false
    }

    private func redraw() {
        lock.lock()
        defer { lock.unlock() }
        shown = true
        Self.write(String(format: "\r\u{1B}[Kbuilding: %@ (%.1f s)", stage, Date().timeIntervalSince(start)))
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
