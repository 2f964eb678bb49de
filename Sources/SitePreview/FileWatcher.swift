import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when a file below some folders is created, changed, removed or
/// moved: inotify on Linux, elsewhere a poll of the files' sizes and times
/// every 100 ms. Calls `onChange` from a thread of its own; callers debounce.
public final class FileWatcher: @unchecked Sendable {
    private let folders: [URL]
    private let onChange: @Sendable () -> Void
    private let lock = NSLock()
    private var running = false

    public init(folders: [URL], onChange: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.onChange = onChange
    }

    /// Starts watching; every change made after this returns is seen.
    public func start() {
        lock.lock()
        running = true
        lock.unlock()
        #if canImport(Glibc)
        // The watches are in place before this returns, so an edit made at once is not missed.
        if let inotify = Inotify(folders: allFolders()) {
            let thread = Thread { [self] in watch(inotify) }
            thread.name = "file watcher"
            thread.start()
            return
        }
        #endif
        let initial = fingerprint()
        let thread = Thread { [self] in poll(from: initial) }
        thread.name = "file watcher"
        thread.start()
    }

    public func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// Every folder below the watched ones, themselves included.
    private func allFolders() -> [String] {
        var result: [String] = []
        for folder in folders {
            result.append(folder.path)
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
            while let url = enumerator?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { result.append(url.path) }
            }
        }
        return result
    }

    #if canImport(Glibc)
    /// An inotify instance with a watch on each folder.
    struct Inotify {
        let descriptor: Int32
        static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)

        /// Nil when inotify cannot be used (then the watcher polls).
        init?(folders: [String]) {
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            add(folders)
        }

        /// Adding a folder already watched changes nothing; new folders get their watch.
        func add(_ folders: [String]) {
            for folder in folders { _ = inotify_add_watch(descriptor, folder, Self.mask) }
        }
    }

    private func watch(_ inotify: Inotify) {
        defer { close(inotify.descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while isRunning {
            var request = pollfd(fd: inotify.descriptor, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&request, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(inotify.descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            inotify.add(allFolders())
            onChange()
        }
    }
    #endif

    /// The fallback: a fingerprint of every file, compared every 100 ms.
    private func poll(from initial: [String: String]) {
        var last = initial
        while isRunning {
            Thread.sleep(forTimeInterval: 0.1)
            let now = fingerprint()
            if now != last {
                last = now
                onChange()
            }
        }
    }

    private func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        for folder in folders {
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys)
            while let url = enumerator?.nextObject() as? URL {
                let values = try? url.resourceValues(forKeys: Set(keys))
                result[url.path] = "\(values?.contentModificationDate?.timeIntervalSince1970 ?? 0)/\(values?.fileSize ?? -1)"
            }
        }
        return result
    }
}
