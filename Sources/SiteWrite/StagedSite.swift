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
                Self.remove(old)
                InterruptCleanup.shared.unregister(old)
            }
        }

        static func move(_ source: URL, to destination: URL) throws {
            guard rename(source.path, destination.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
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
