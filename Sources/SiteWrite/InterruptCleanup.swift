import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folders a build has beside the output that must not outlive it
/// (the unfinished site, the previous one during the swap). On SIGINT or
/// SIGTERM, the handlers remove them before the process ends. The handlers
/// run on a queue of their own, not in signal context, so they may use
/// Foundation; the swap holds the same lock, so it is never cut in half.
public final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()

    // Recursive: the swap registers and unregisters folders inside `critical`.
    private let lock = NSRecursiveLock()
    private var folders: [String] = []
    private var interrupted = false

    /// Folders registered once the process is interrupted are refused: the build stops there.
    func register(_ folder: URL) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !interrupted else { return false }
        folders.append(folder.path)
        return true
    }

    func unregister(_ folder: URL) {
        lock.lock()
        defer { lock.unlock() }
        folders.removeAll { $0 == folder.path }
    }

    /// Called by writers between files: once interrupted, they wait here for
    /// the end of the process, so the folders are removed while nothing writes.
    func checkpoint() throws {
        lock.lock()
        defer { lock.unlock() }
        if interrupted { throw CancellationError() }
    }

    /// Runs `body` with the handlers held off: renames that must happen together.
    func critical<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Handlers for SIGINT and SIGTERM until `remove()`; `site build` installs them around a build.
    public static func install() -> Handlers {
        let queue = DispatchQueue(label: "site build interrupt")
        var handlers = Handlers()
        for number in [SIGINT, SIGTERM] {
            // Ignored as a signal, so that it reaches the source on the queue instead of ending the process.
            handlers.previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { shared.interrupt(number) }
            source.resume()
            handlers.sources.append(source)
        }
        return handlers
    }

    public struct Handlers {
        var sources: [DispatchSourceSignal] = []
        var previous: [(number: Int32, handler: (@convention(c) (Int32) -> Void)?)] = []

        /// Puts back what each signal did before.
        public func remove() {
            for source in sources { source.cancel() }
            for (number, handler) in previous { _ = signal(number, handler) }
        }
    }

    private func interrupt(_ number: Int32) -> Never {
        lock.lock()
        interrupted = true
        for folder in folders {
            // A writer may be finishing the one file it had begun (the next waits at `checkpoint`):
            // a few passes outlast it.
            for _ in 0..<50 where FileManager.default.fileExists(atPath: folder) {
                if (try? FileManager.default.removeItem(atPath: folder)) == nil { usleep(10_000) }
            }
        }
        let removed = folders.map { URL(fileURLWithPath: $0).lastPathComponent }
        let note = removed.isEmpty ? "" : "; removed \(removed.joined(separator: ", "))"
        FileHandle.standardError.write(Data("interrupted\(note)\n".utf8))
        exit(128 + number)
    }
}
