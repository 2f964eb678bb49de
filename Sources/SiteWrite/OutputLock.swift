import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time per output folder: an exclusive `flock` on a file
/// beside it (`.public.lock`), held from the first check of the folder to
/// the swap. The kernel drops the lock when the process ends however it
/// ends, so a crashed build never leaves a stale one.
public final class OutputLock: Sendable {
    private let descriptor: Int32
    private let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock, trying again every 50 ms for up to `seconds` while another build holds it.
    public static func acquire(_ file: URL, waitingUpTo seconds: Double) throws -> OutputLock {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                // The last holder removes the file as it lets go; a lock on a removed file guards nothing.
                if sameFile(descriptor, file.path) {
                    let lock = OutputLock(descriptor: descriptor, path: file.path)
                    lock.recordHolder()
                    return lock
                }
                close(descriptor)
                continue
            }
            let holder = holder(descriptor)
            close(descriptor)
            if Date() >= deadline { throw OutputBusy(holder: holder) }
            usleep(50_000)
        }
    }

    deinit {
        // Removed while still held, so a build that opened it meanwhile sees it is gone and opens a new one.
        unlink(path)
        close(descriptor)
    }

    /// Writes this process's id into the file, for the message of a build that finds it taken.
    private func recordHolder() {
        let text = Array("\(ProcessInfo.processInfo.processIdentifier)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    private static func holder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func sameFile(_ descriptor: Int32, _ path: String) -> Bool {
        var held = stat()
        var named = stat()
        return fstat(descriptor, &held) == 0 && stat(path, &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev
    }
}

/// Another build holds the lock of the output folder.
public struct OutputBusy: Error, Sendable {
    /// Its process id, when it had written it yet.
    public let holder: Int32?
}
