import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputWriter {
    /// A fully written site not yet in place, with the manifest of what it holds.
    public struct Staged: Sendable {
        public let folder: URL
        let location: OutputLocation
        public let manifest: OutputManifest

        /// Replaces the output folder with the staged one and records the new
        /// manifest. The renames happen together: an interrupt waits for them.
        public func commit() throws {
            let output = location.folder
            let old = location.previous(OutputWriter.process)
            let pending = location.pendingManifest(OutputWriter.process)
            // What the folder being replaced holds, as the swap checked it: removed by this list.
            let former = location.readManifest()
            try OutputWriter.write(manifest.encoded(), to: pending.path)
            let hadOutput: Bool
            do {
                hadOutput = try InterruptCleanup.shared.critical {
                    let hadOutput = FileManager.default.fileExists(atPath: output.path)
                    if hadOutput {
                        try Self.move(output, to: old)
                        _ = InterruptCleanup.shared.register(old)
                    }
                    do {
                        try Self.move(folder, to: output)
                    } catch {
                        if hadOutput { try? Self.move(old, to: output) }
                        InterruptCleanup.shared.unregister(old)
                        throw error
                    }
                    InterruptCleanup.shared.unregister(folder)
                    // Without its own manifest the new site is still replaced by the next
                    // build (it holds exactly the files that build writes); with the old one it would not be.
                    if rename(pending.path, location.manifest.path) != 0 { unlink(location.manifest.path) }
                    unlink(location.formerManifest.path)
                    return hadOutput
                }
            } catch {
                unlink(pending.path)
                throw error
            }
            if hadOutput {
                Self.remove(old, listed: former)
                InterruptCleanup.shared.unregister(old)
            }
        }

        static func move(_ source: URL, to destination: URL) throws {
            guard rename(source.path, destination.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }

        /// Removes the site the swap moved aside by its manifest, read before: each
        /// file unlinked, then each folder removed, the deepest first, with no
        /// folder read (for 10,000 pages, 20,000 removals instead of some 80,000
        /// calls). A folder that is not empty then (a file added since the swap
        /// checked it) leaves what remains to `remove(_:)`, which reads it.
        static func remove(_ folder: URL, listed manifest: OutputManifest?) {
            let root = folder.path
            guard let manifest, OutputLocation.linkTarget(root) == nil else { return remove(folder) }
            _ = manifest.files.concurrentMap { unlink(root.joiningPath($0.path)) }
            let slash = UInt8(ascii: "/")
            let byDepth = Dictionary(grouping: manifest.folders) { path in path.utf8.reduce(0) { $1 == slash ? $0 + 1 : $0 } }
            for depth in byDepth.keys.sorted(by: >) {
                let left = (byDepth[depth] ?? []).concurrentMap { rmdir(root.joiningPath($0)) != 0 && errno != ENOENT }
                if left.contains(true) { return remove(folder) }
            }
            if rmdir(root) != 0 && errno != ENOENT { remove(folder) }
        }

        /// Removes a folder, the entries of its top two levels in parallel (large
        /// sites have thousands of files, often under one folder such as `blog/`).
        /// Never through a link: only a real folder is emptied, a link is removed.
        static func remove(_ folder: URL) {
            let root = folder.path
            if OutputLocation.linkTarget(root) != nil {
                unlink(root)
                return
            }
            let top = (try? FileTree.entries(root)) ?? []
            let folders = top.filter { $0.1 == .folder }.map { root + "/" + $0.0 }
            let inside = folders.flatMap { path in ((try? FileTree.entries(path)) ?? []).map { path + "/" + $0.0 } }
            _ = (inside + top.filter { $0.1 != .folder }.map { root + "/" + $0.0 }).concurrentMap { path in
                try? FileManager.default.removeItem(atPath: path)
            }
            for path in folders { try? FileManager.default.removeItem(atPath: path) }
            try? FileManager.default.removeItem(atPath: root)
        }
    }
}
