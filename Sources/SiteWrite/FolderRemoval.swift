import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a folder with all it holds, however deep it is nested: each folder
/// is opened from its parent by name and left by `..`, one open at a time, and
/// each entry is removed by name in its folder, so neither the limit on a
/// path's length nor on open files stops it (a tree nested thousands deep,
/// put into the spare by hand, was left whole by a removal by paths, and then
/// made the staging folder). A link is removed, never followed.
enum FolderRemoval {
    /// True when nothing is left at `path`.
    static func remove(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT }
        guard info.st_mode & S_IFMT == S_IFDIR else { return unlink(path) == 0 || errno == ENOENT }
        guard var folder = try? OpenFolder(path: path) else { return false }
        // The names of the folders entered below `path`, and at each level the subfolders left to remove.
        var entered: [String] = []
        var left: [[String]] = []
        while true {
            // Read whole, then emptied: files now, subfolders one by one.
            var subfolders: [String] = [], files: [String] = []
            guard (try? folder.forEachEntry(stamping: false) { name, type, _ in
                let name = String(decoding: name, as: UTF8.self)
                if type == .folder { subfolders.append(name) } else { files.append(name) }
            }) != nil, files.allSatisfy({ folder.remove($0, isFolder: false) }) else { return false }
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
                guard let name = entered.popLast() else { return rmdir(path) == 0 || errno == ENOENT }
                guard let parent = try? OpenFolder("..", in: folder), parent.remove(name, isFolder: true) else { return false }
                folder = parent
            }
        }
    }
}
