import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 4: the site is written into a staging folder beside the output
/// folder (`openStaging`, then each file as it is made), and swapped in only when
/// asked, so a failed build or check leaves the previous site whole.
public struct OutputWriter: Sendable {
    public let location: OutputLocation

    public init(output: String) {
        location = OutputLocation(output)
    }

    public var output: URL { location.folder }

    static var process: Int32 { ProcessInfo.processInfo.processIdentifier }

    /// How `write` treats a file already at the path.
    public enum Existing: Sendable {
        /// Truncated and written.
        case replaced
        /// An error: a file of the staged site is always new (one already there
        /// could be a link to the output folder's own), never overwritten.
        case refused
        /// Written over from its start and cut to the new size, without freeing its
        /// blocks first (on a disk, that costs more than the writing); never through a link.
        case overwritten
        /// Written at its end; an error if there is none, or it is a link.
        case appended
    }

    /// Plain open/write/close: Foundation's `Data.write` also syncs each file
    /// to disk, which a site that is swapped in whole does not need.
    public static func write(_ data: Data, to path: String, existing: Existing = .replaced) throws {
        let flags: Int32 = switch existing {
        case .replaced: O_CREAT | O_TRUNC
        case .refused: O_CREAT | O_EXCL
        case .overwritten: O_CREAT | O_NOFOLLOW
        case .appended: O_APPEND | O_NOFOLLOW
        }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return }
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        if existing == .overwritten, ftruncate(descriptor, off_t(data.count)) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Opens the staging folder beside the output, with every folder the
    /// site's files `paths` need, for the files to be put in as they are made.
    /// `spare` is the spare moved ahead (`moveSpare`), if it was; else it is moved here.
    public func openStaging(for paths: [String], spare moved: SpareSite.Moved? = nil) throws -> StagingFolder {
        let fileManager = FileManager.default
        // The folders above the output that do not exist yet: a build that fails removes them again.
        var missing: [URL] = []
        var parent = location.parent
        while !fileManager.fileExists(atPath: parent.path), parent.path != "/" {
            missing.append(parent)
            parent = parent.deletingLastPathComponent()
        }
        try fileManager.createDirectory(at: location.parent, withIntermediateDirectories: true)
        let folder = location.staging(Self.process)
        let folders = OutputInventory.folders(holding: paths).sorted()
        // The site before the last, made into the staging folder, when there is one; else a new folder.
        let spare = moved ?? moveSpare()
        // Registered before it exists (`moveSpare` registers what it moves), so an interrupt from here on removes it.
        guard spare != nil || InterruptCleanup.shared.register(folder) else { throw WriteFailure(description: "interrupted") }
        let spareFiles = spare.flatMap { SpareSite.take($0, folders: folders, paths: paths) }
        let staging = StagingFolder(folder: folder, location: location, folders: folders, madeParents: missing, spareFiles: spareFiles)
        guard spareFiles == nil else { return staging }
        do {
            // A new folder, never one left standing: whatever it held would be swapped in with the site.
            Staged.remove(folder)
            guard mkdir(folder.path, 0o755) == 0 else {
                if errno == EEXIST { throw WriteFailure(description: "\(folder.path) is left from an earlier build and cannot be removed: remove it") }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            try Self.makeFolders(folders, in: folder.path)
            return staging
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Moves the spare, if there is one, to this process's staging folder and
    /// reads what it holds, for `openStaging`: a build that knows it will write
    /// does so on another thread while it reads its inputs. Call with the lock held.
    public func moveSpare() -> SpareSite.Moved? {
        let folder = location.staging(Self.process)
        // Registered before it exists, so an interrupt from here on removes it.
        guard InterruptCleanup.shared.register(folder) else { return nil }
        try? FileManager.default.removeItem(at: folder)
        guard let moved = SpareSite.move(location, as: folder) else {
            InterruptCleanup.shared.unregister(folder)
            return nil
        }
        return moved
    }

    /// Puts back a spare moved ahead that no staging folder was made of (the build ended before).
    public func putBack(_ moved: SpareSite.Moved) {
        if !SpareSite.keep(moved.staging, location) { Staged.remove(moved.staging) }
        InterruptCleanup.shared.unregister(moved.staging)
    }

    /// Makes each of `folders` (sorted: parents first) below `root`, whose
    /// parents exist or come first: one mkdir each. The top two levels here,
    /// then the folders below each of theirs on both cores, parents first in each.
    static func makeFolders(_ folders: [String], in root: String) throws {
        @Sendable func make(_ directory: String) throws {
            try InterruptCleanup.shared.checkpoint()
            if mkdir(root.joiningPath(directory), 0o755) != 0 && errno != EEXIST {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
        var below: [String: [String]] = [:]
        var order: [String] = []
        for directory in folders {
            let parts = directory.utf8.split(separator: UInt8(ascii: "/"), maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                try make(directory)
                continue
            }
            let top = String(directory[..<parts[1].endIndex])
            if below[top] == nil { order.append(top) }
            below[top, default: []].append(directory)
        }
        for result in order.map({ below[$0] ?? [] }).concurrentMap({ group in Result { for directory in group { try make(directory) } } }) {
            try result.get()
        }
    }
}

/// A file of the staged site could not be written.
struct WriteFailure: Error, CustomStringConvertible, LocalizedError {
    let description: String
    var errorDescription: String? { description }
}

/// The C library's `write`, from Glibc on Linux and Darwin on macOS.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
