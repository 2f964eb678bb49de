import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A few of the output's files replaced where they stand, for a build that
/// changes nothing else (`BodyEdit`): each new file is written beside the
/// output folder, then renamed over the last build's (one file at a time,
/// each rename atomic), and the manifest last. No other file shows anything
/// of them, so the site is whole at every moment, whichever of them are in
/// place. For 10,000 pages this skips a staging folder's 10,000 folders and
/// links and the swap's look at every file, most of a one-page edit.
extension OutputWriter {
    /// What the output holds once `replace` is done.
    public struct Replaced: Sendable {
        public let manifest: OutputManifest
        /// With compression: the text files compressed anew, and those whose copies stand as they were.
        public let precompressed: Staged.Precompressed?
    }

    /// Replaces `files` (each listed in `manifest`, with its new bytes) in the
    /// output folder, which holds what `manifest` lists (the caller made sure);
    /// with `compressing`, their `.gz` and `.br` too. Call with the lock held.
    /// A failure before the renames leaves the output as it was; one among
    /// them (which a rename within one file system hardly has) leaves each
    /// file old or new, and no manifest, so the next build replaces the folder whole.
    public func replace(_ files: [OutputFile], listedIn manifest: OutputManifest, compressing: Bool) throws -> Replaced {
        let scratch = location.staging(Self.process)
        // Registered before it exists, so an interrupt from here on removes it.
        guard InterruptCleanup.shared.register(scratch) else { throw WriteFailure(description: "interrupted") }
        defer {
            Staged.remove(scratch)
            InterruptCleanup.shared.unregister(scratch)
        }
        Staged.remove(scratch)
        guard mkdir(scratch.path, 0o755) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

        var records: [OutputManifest.File] = [], moves: [(from: String, to: String)] = [], gone: [String] = []
        func put(_ data: Data, as path: String) throws {
            let temporary = scratch.path.joiningPath(String(moves.count))
            try OutputWriter.write(data, to: temporary, existing: .refused)
            // A rename keeps the file's inode, size and time: its stamp in the output folder.
            records.append(.init(path: path, size: data.count, hash: FileHash.hash(data), stamp: FileStamp(path: temporary)))
            moves.append((temporary, path))
        }
        let listed = manifest.lookup
        for file in files {
            guard case .data(let bytes) = file.contents, listed(file.path) != nil else {
                throw WriteFailure(description: "\(file.path): not a file of the last build to replace")
            }
            try InterruptCleanup.shared.checkpoint()
            try put(bytes, as: file.path)
            guard compressing, Staged.isText(file.path) else { continue }
            for encoding in ContentEncoding.allCases {
                let path = file.path + encoding.suffix
                if let encoded = try Staged.copy(of: bytes, as: encoding) {
                    try put(encoded, as: path)
                } else if listed(path) != nil {
                    gone.append(path)
                }
            }
        }
        let next = manifest.replacing(records, removing: gone)
        let pending = location.pendingManifest(Self.process)
        try OutputWriter.write(next.encoded(), to: pending.path)
        defer { unlink(pending.path) }

        let root = location.folder.path
        /// The failure just met at `path` (`errno`); with some files in place already, the manifest goes first.
        func failure(at path: String, placed: Bool) -> WriteFailure {
            let failure = WriteFailure(description: "\(path): \(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO).plainDescription)")
            if placed { unlink(location.manifest.path) }
            return failure
        }
        try InterruptCleanup.shared.critical {
            for (index, move) in moves.enumerated() where rename(move.from, root.joiningPath(move.to)) != 0 {
                throw failure(at: move.to, placed: index > 0)
            }
            // A copy left beside its new page would be served for it: the build fails, and the next replaces the folder whole.
            if let kept = gone.first(where: { unlink(root.joiningPath($0)) != 0 && errno != ENOENT }) {
                throw failure(at: kept, placed: true)
            }
            if rename(pending.path, location.manifest.path) != 0 { unlink(location.manifest.path) }
            unlink(location.formerManifest.path)
        }
        guard compressing else { return Replaced(manifest: next, precompressed: nil) }
        let compressed = files.filter { Staged.isText($0.path) }.count
        let texts = next.files.lazy.filter(Staged.isText).count
        return Replaced(manifest: next, precompressed: Staged.Precompressed(compressed: compressed, reused: texts - compressed))
    }
}

extension OutputManifest {
    /// This manifest with `records` in place of the files at their paths (or
    /// added), and the files at `removed` gone.
    func replacing(_ records: [File], removing removed: [String]) -> OutputManifest {
        var next = self
        var added: [File] = []
        let sorted = isSorted
        for record in records {
            if sorted, let index = next.files.index(withKey: record.path, by: \.path) {
                next.files[index] = record
            } else {
                added.append(record)
            }
        }
        guard !added.isEmpty || !removed.isEmpty else { return next }
        let replaced = Set(added.map(\.path)).union(removed)
        var rebuilt = OutputManifest(folders: folders, files: next.files.filter { !replaced.contains($0.path) } + added)
        rebuilt.hashing = hashing
        rebuilt.compression = compression
        return rebuilt
    }
}
