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

    public func start() {
        lock.lock()
        running = true
        lock.unlock()
        let thread = Thread { [self] in
            #if canImport(Glibc)
            if watchWithInotify() { return }
            #endif
            poll()
        }
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
    /// False when inotify cannot be used (then the caller polls).
    private func watchWithInotify() -> Bool {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)
        func addWatches() {
            // Adding a folder already watched changes nothing; new folders get their watch.
            for folder in allFolders() { _ = inotify_add_watch(descriptor, folder, mask) }
        }
        addWatches()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while isRunning {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&request, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            addWatches()
            onChange()
        }
        return true
    }
    #endif

    /// The fallback: a fingerprint of every file, compared every 100 ms.
    private func poll() {
        var last = fingerprint()
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
