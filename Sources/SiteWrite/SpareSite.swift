import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The site the output folder held before the last build, kept beside it
/// (`.public.spare/`) by the swap instead of being removed, for the next
/// build to make into its staging folder: what it holds that the new site
/// does not have goes, the folders it lacks are made, and each file is then
/// put in as into a new folder, but for a page taken from the last build
/// that is there already as the same file (the same inode: a page unchanged
/// over two builds is one file in all three folders). A build of 10,000
/// pages that renders a few (a title edited, say; an edit of bodies alone
/// replaces its pages in place, `OutputWriter.replace`) then makes and
/// removes no folder and links few files, where a
/// new staging folder took 10,000 folders and links and the swap removed as
/// many again (on a disk, freeing a folder can cost most of a millisecond).
/// Nothing of it is trusted but what it is read to hold now, and no file of
/// it is ever written into, since its files may be the output folder's own:
/// each is unlinked before one is put in its place (see `StagingFolder.put`).
public enum SpareSite {
    /// The spare moved to a staging folder and read, not yet made into it.
    public struct Moved: Sendable {
        let staging: URL
        let inventory: OutputInventory
        /// Each file it holds, with its stamp as read.
        let held: [String: FileStamp]

        /// Made on the thread that read the spare, while the build reads its inputs.
        init(staging: URL, inventory: OutputInventory) {
            self.staging = staging
            self.inventory = inventory
            var held: [String: FileStamp] = [:]
            held.reserveCapacity(inventory.files.count)
            for (path, stamp) in zip(inventory.files, inventory.stamps) { held[path] = stamp }
            self.held = held
        }
    }

    /// Moves the spare to `staging` and reads what it holds: nil, with no
    /// spare left, when there is none or it cannot be read.
    static func move(_ location: OutputLocation, as staging: URL) -> Moved? {
        let spare = location.spare
        var info = stat()
        guard lstat(spare.path, &info) == 0 else { return nil }
        // A real folder only: a link in its place is removed, never followed.
        guard info.st_mode & S_IFMT == S_IFDIR, rename(spare.path, staging.path) == 0 else {
            OutputWriter.Staged.remove(spare)
            return nil
        }
        guard let inventory = try? OutputInventory(reading: staging, stamping: true) else {
            OutputWriter.Staged.remove(staging)
            return nil
        }
        return Moved(staging: staging, inventory: inventory)
    }

    /// Makes the moved spare a staging folder with exactly the folders
    /// `folders` and, of files, only some of `paths`: returns those it holds,
    /// with the stamps they had as it was read. Nil, with no spare left, when
    /// it cannot be made so: the staging folder is then made anew.
    static func take(_ moved: Moved, folders: [String], paths: [String]) -> [String: FileStamp]? {
        // The new site's paths in order, as a build lists them (a sort of a list in order is one pass),
        // each of the spare's looked up by halves on both cores: sets of the new site's 20,000 paths took 12 ms.
        let (folders, paths) = (folders.ascending, paths.ascending)
        do {
            let heldFiles = try prune(moved, keepingFolders: folders, files: paths)
            let lacking = folders.concurrentMap { moved.inventory.folders.contains($0) }
            // Parents first, as the order leaves them.
            try OutputWriter.makeFolders(zip(folders, lacking).compactMap { $1 ? nil : $0 }, in: moved.staging.path)
            return heldFiles
        } catch {
            OutputWriter.Staged.remove(moved.staging)
            return nil
        }
    }

    /// Removes every file, link and folder of the spare that is not one of
    /// `files` or `folders`; returns the stamps of the files that stay.
    private static func prune(_ moved: Moved, keepingFolders folders: [String], files: [String]) throws -> [String: FileStamp] {
        let (root, inventory) = (moved.staging.path, moved.inventory)
        let unwantedFiles = inventory.files.concurrentMap { files.holdsSorted($0) ? nil : $0 }.compactMap { $0 }
        let unwanted = inventory.others + inventory.finderFiles + unwantedFiles
        for removed in unwanted.concurrentMap({ unlink(root.joiningPath($0)) == 0 || errno == ENOENT }) where !removed {
            throw POSIXError(.EIO)
        }
        // The deepest first: each is empty once what is below it is gone (each depth counted once:
        // counted at each comparison, a tree nested 3,000 deep took seconds to sort).
        let extra = inventory.folders.filter { !folders.holdsSorted($0) }
            .map { folder in (folder, folder.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }) }
        for (folder, _) in extra.sorted(by: { $0.1 > $1.1 }) where rmdir(root.joiningPath(folder)) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        guard !unwantedFiles.isEmpty else { return moved.held }
        var held = moved.held
        for path in unwantedFiles { held[path] = nil }
        return held
    }

    /// After the swap: the site just replaced becomes the spare (a spare
    /// already there is removed first). False when it could not be kept.
    static func keep(_ old: URL, _ location: OutputLocation) -> Bool {
        var info = stat()
        guard lstat(old.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        if lstat(location.spare.path, &info) == 0 { OutputWriter.Staged.remove(location.spare) }
        return rename(old.path, location.spare.path) == 0
    }
}
