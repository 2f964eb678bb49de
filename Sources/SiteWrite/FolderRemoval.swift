import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a folder with all it holds, however deep it is nested: each folder
/// is opened from its parent by name and left by `..`, one open at a time
/// below the top two levels, and each entry is removed by name in its folder,
/// so neither the limit on a path's length nor on open files stops it (a tree
/// nested thousands deep, put into the spare by hand, was left whole by a
/// removal by paths, and then made the staging folder). A link is removed,
/// never followed. The folders below the top two levels are removed on both
/// cores: a large site has most of its pages below one folder or two.
enum FolderRemoval {
    /// True when nothing is left at `path`.
    static func remove(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT }
        guard info.st_mode & S_IFMT == S_IFDIR else { return unlink(path) == 0 || errno == ENOENT }
        // Opened from its parent, not followed should a link have taken its place since.
        let url = URL(fileURLWithPath: path), base = url.lastPathComponent
        guard let parent = try? OpenFolder(path: url.deletingLastPathComponent().path), let root = try? OpenFolder(base, in: parent),
              let subfolders = empty(root) else { return false }
        let tops = subfolders.compactMap { name in (try? OpenFolder(name, in: root)).map { (name, $0) } }
        let below = tops.map { _, top in empty(top) }
        let work = zip(tops, below).flatMap { top, names in (names ?? []).map { (top.1, $0) } }
        let whole = below.allSatisfy { $0 != nil } && work.concurrentMap { parent, name in removeTree(name, in: parent) }.allSatisfy { $0 }
        let topsGone = tops.allSatisfy { name, _ in root.remove(name, isFolder: true) }
        return whole && topsGone && tops.count == subfolders.count && parent.remove(base, isFolder: true)
    }

    /// Removes `folder`'s files and links, read whole first; its subfolders' names, nil if one could not go.
    private static func empty(_ folder: OpenFolder) -> [String]? {
        var subfolders: [String] = [], files: [String] = []
        guard (try? folder.forEachEntry(stamping: false) { name, type, _ in
            let name = String(decoding: name, as: UTF8.self)
            if type == .folder { subfolders.append(name) } else { files.append(name) }
        }) != nil, files.allSatisfy({ folder.remove($0, isFolder: false) }) else { return nil }
        return subfolders
    }

    /// Empties and removes the folder `name` of `parent`, one folder open at a time.
    private static func removeTree(_ name: String, in parent: OpenFolder) -> Bool {
        guard var folder = try? OpenFolder(name, in: parent) else { return errno == ENOENT }
        // The names of the folders entered below `name`, and at each level the subfolders left to remove.
        var entered: [String] = []
        var left: [[String]] = []
        while true {
            guard let subfolders = empty(folder) else { return false }
            left.append(subfolders)
            // The next subfolder to enter, at this level or above, each folder emptied on the way removed.
            while true {
                if let next = left[left.count - 1].popLast() {
                    guard let inner = try? OpenFolder(next, in: folder) else { return false }
                    folder = inner
                    entered.append(next)
                    break
                }
                left.removeLast()
                guard let done = entered.popLast() else { return parent.remove(name, isFolder: true) }
                guard let up = try? OpenFolder("..", in: folder), up.remove(done, isFolder: true) else { return false }
                folder = up
            }
        }
    }
}
