import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The staging folder while the site is written into it: each file is put
/// in as soon as it is made, from any thread, and only what the manifest
/// needs of it is kept (path, size, hash, stamp), never its bytes.
public final class StagingFolder: OutputSink, @unchecked Sendable {
    let folder: URL
    /// `folder.path`, worked out once: Foundation makes it anew at each call.
    private let folderPath: String
    let location: OutputLocation
    /// Every folder of the site, parents first.
    let folders: [String]
    /// Folders above the output that opening the staging folder made.
    private let madeParents: [URL]
    /// Made from the site before the last (`SpareSite`): the files it held, with their stamps then.
    let spareFiles: [String: FileStamp]?
    var fromSpare: Bool { spareFiles != nil }
    private let lock = NSLock()
    private var written: [OutputManifest.File] = []

    init(folder: URL, location: OutputLocation, folders: [String], madeParents: [URL], spareFiles: [String: FileStamp]? = nil) {
        self.folder = folder
        folderPath = folder.path
        self.location = location
        self.folders = folders
        self.madeParents = madeParents
        self.spareFiles = spareFiles
    }

    public func put(_ file: OutputFile) throws {
        try InterruptCleanup.shared.checkpoint()
        let record = try place(file)
        lock.withLock { written.append(record) }
    }

    /// Puts in many files on both cores, the interrupt looked for and the records
    /// kept once for each run of files, not for each file: a build that renders
    /// one page of 10,000 (a new link, say) puts in 10,000, and two locks a file
    /// cost more than the rest.
    public func put(contentsOf files: [OutputFile]) throws {
        let results = files.runs(of: 256).concurrentMap { run in
            Result { () throws -> [OutputManifest.File] in
                try InterruptCleanup.shared.checkpoint()
                return try files[run].map(place)
            }
        }
        for result in results {
            let records = try result.get()
            lock.withLock { written += records }
        }
    }

    /// Puts in one file (the caller looks for an interrupt): its manifest record.
    private func place(_ file: OutputFile) throws -> OutputManifest.File {
        // Made from the spare, the folder may hold this very file already (the same inode).
        if case .previous(_, let size, let hash, let stamp) = file.contents, let there = spareFiles?[file.path],
           there.inode == stamp.inode, there.size == size {
            return .init(path: file.path, size: size, hash: hash, stamp: there)
        }
        let destination = folderPath.joiningPath(file.path)
        let record: OutputManifest.File
        do {
            switch file.contents {
            case .data(let bytes):
                try clear(destination)
                try OutputWriter.write(bytes, to: destination, existing: .refused)
                record = .init(path: file.path, size: bytes.count, hash: FileHash.hash(bytes), stamp: FileStamp(path: destination))
            case .copy(let source):
                try clear(destination)
                try FileManager.default.copyItem(atPath: source.path, toPath: destination)
                guard let read = FileHash.hash(file: destination) else { throw WriteFailure(description: "the copy cannot be read back") }
                record = .init(path: file.path, size: read.size, hash: read.hash, stamp: FileStamp(path: destination))
            case .previous(let source, let size, let hash, let stamp):
                try clear(destination)
                // A hard link (the previous folder goes at the swap, and the file stays) is the same
                // file with the same stamp; should that file have changed since it was checked, the
                // next build finds a stamp other than the manifest's and reads it.
                if link(source, destination) == 0 {
                    record = .init(path: file.path, size: size, hash: hash, stamp: stamp)
                } else {
                    try FileManager.default.copyItem(atPath: source, toPath: destination)
                    record = .init(path: file.path, size: size, hash: hash, stamp: FileStamp(path: destination))
                }
            }
        } catch {
            throw WriteFailure(description: "\(file.path): \(error.plainDescription)")
        }
        return record
    }

    /// Unlinks what a folder made from the spare holds at `path`, never writing into it
    /// (it may be a link to the output folder's file); a new folder holds nothing there.
    private func clear(_ path: String) throws {
        guard fromSpare, unlink(path) != 0, errno != ENOENT else { return }
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    /// The manifest's hash of each file put in so far, by path.
    public func hashes() -> [String: String] {
        lock.withLock { Dictionary(written.map { ($0.path, $0.hash) }, uniquingKeysWith: { _, last in last }) }
    }

    /// Every file is in: the staged site with its manifest.
    public func finish() -> OutputWriter.Staged {
        OutputWriter.Staged(folder: folder, location: location, manifest: OutputManifest(folders: folders, files: lock.withLock { written }))
    }

    /// Ends a build that failed: the staging folder becomes the spare for the
    /// next build (nothing in it is trusted, see `SpareSite`; removing a
    /// spare's thousands of folders can take seconds on a disk), or, when the
    /// build made the folders above the output, is removed with them.
    public func discard() {
        if !madeParents.isEmpty || !SpareSite.keep(folder, location) { OutputWriter.Staged.remove(folder) }
        InterruptCleanup.shared.unregister(folder)
        for parent in madeParents { rmdir(parent.path) }
    }
}
