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
                // Kept for the next build's staging folder; removed only if it cannot be.
                if !SpareSite.keep(old, location) { Self.remove(old, listed: former) }
                InterruptCleanup.shared.unregister(old)
            }
        }

        static func move(_ source: URL, to destination: URL) throws {
            guard rename(source.path, destination.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }

        /// Removes the site the swap moved aside by its manifest, read before:
        /// each listed folder opened from its parent's descriptor without
        /// following a link, its listed files unlinked there, then the folder
        /// removed, the deepest first; no folder is read (for 10,000 pages,
        /// some 40,000 calls instead of 80,000). A link where the manifest has
        /// a folder, or a folder not empty by then (a file added since the swap
        /// checked it), leaves what remains to `remove(_:)`, which reads it.
        /// The folders below the top level are emptied on both cores.
        static func remove(_ folder: URL, listed manifest: OutputManifest?) {
            let root = folder.path
            guard let manifest else { return remove(folder) }
            let listing = Listing(manifest)
            let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard rootFD >= 0 else { return remove(folder) }
            // The top level's folders, open, each with the folders below it as the work to share.
            var whole = true
            let tops = (listing.folders[""] ?? []).compactMap { name -> (String, Int32)? in
                let fd = openat(rootFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if fd < 0 && errno != ENOENT { whole = false }
                return fd < 0 ? nil : (name, fd)
            }
            let work = tops.flatMap { top, fd in (listing.folders[top] ?? []).map { (fd, top, $0) } }
            whole = work.concurrentMap { fd, top, name in listing.removeFolder(name, at: top + "/" + name, in: fd) }.allSatisfy { $0 } && whole
            for (name, fd) in tops {
                whole = listing.removeFiles(at: name, in: fd) && whole
                close(fd)
                whole = (unlinkat(rootFD, name, AT_REMOVEDIR) == 0 || errno == ENOENT) && whole
            }
            whole = listing.removeFiles(at: "", in: rootFD) && whole
            close(rootFD)
            if !whole || (rmdir(root) != 0 && errno != ENOENT) { remove(folder) }
        }

        /// A manifest's files and folders by the folder that holds them (`""` the top).
        private struct Listing: Sendable {
            var files: [String: [String]] = [:]
            var folders: [String: [String]] = [:]

            init(_ manifest: OutputManifest) {
                func split(_ path: String) -> (String, String) {
                    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
                    return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
                }
                for file in manifest.files { let (parent, name) = split(file.path); files[parent, default: []].append(name) }
                for folder in manifest.folders { let (parent, name) = split(folder); folders[parent, default: []].append(name) }
            }

            /// Unlinks the folder's listed files; whether all are gone.
            func removeFiles(at path: String, in fd: Int32) -> Bool {
                (files[path] ?? []).reduce(true) { whole, name in (unlinkat(fd, name, 0) == 0 || errno == ENOENT) && whole }
            }

            /// Empties and removes the folder `name` of the folder open as `parent`; whether it is gone.
            func removeFolder(_ name: String, at path: String, in parent: Int32) -> Bool {
                let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { return errno == ENOENT }
                var whole = (folders[path] ?? []).reduce(true) { whole, child in removeFolder(child, at: path + "/" + child, in: fd) && whole }
                whole = removeFiles(at: path, in: fd) && whole
                close(fd)
                return (unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT) && whole
            }
        }

        /// Removes a folder, never through a link: only a real folder is
        /// emptied, a link is removed (`FolderRemoval`).
        static func remove(_ folder: URL) {
            _ = FolderRemoval.remove(folder.path)
        }
    }
}
