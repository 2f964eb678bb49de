import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files below a folder, as the stages read them. Nothing is followed
/// out of the folder: a symbolic link and a file that is not a regular file
/// (a FIFO, a socket, a device) are listed apart, never read, so content can
/// neither publish what lies outside it nor hang the build.
public struct FileTree: Sendable {
    /// Regular files by path below the root, sorted.
    public var files: [String] = []
    /// Symbolic links, by path below the root.
    public var links: [String] = []
    /// FIFOs, sockets and devices, by path below the root.
    public var special: [String] = []
    /// Dot-files and editor leftovers that were passed over.
    public var skipped: [String] = []

    /// No files: what an unreadable folder holds.
    public init() {}

    /// Reads the folder. `keepHidden` lists dot-folders that are read all the same (`.well-known`).
    public init(root: URL, keepHidden: Set<String> = []) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingFolder(path: root.path)
        }
        try walk(root, "", keepHidden: keepHidden)
        files.sort()
    }

    private mutating func walk(_ root: URL, _ relative: String, keepHidden: Set<String>) throws {
        let absolute = relative.isEmpty ? root.path : root.path + "/" + relative
        for (name, type) in try Self.entries(absolute) {
            let path = relative.isEmpty ? name : relative + "/" + name
            if Self.isLeftover(name) && !(relative.isEmpty && keepHidden.contains(name)) {
                skipped.append(path)
                continue
            }
            // The entry itself: a link is not followed.
            switch type {
            case .folder: try walk(root, path, keepHidden: keepHidden)
            case .file: files.append(path)
            case .link: links.append(path)
            case .other: special.append(path)
            }
        }
    }

    public enum EntryType: Sendable {
        case file, folder, link, other

        /// What `readdir` says of an entry; nil where the file system does not say (`DT_UNKNOWN`).
        init?(direntType: Int) {
            switch direntType {
            case Int(DT_DIR): self = .folder
            case Int(DT_REG): self = .file
            case Int(DT_LNK): self = .link
            case Int(DT_UNKNOWN): return nil
            default: self = .other
            }
        }

        /// What `lstat` says of it.
        public init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFDIR: self = .folder
            case S_IFREG: self = .file
            case S_IFLNK: self = .link
            default: self = .other
            }
        }
    }

    /// A folder's entries, sorted by name, typed from `readdir` (`lstat` only
    /// where the file system does not say): Foundation's listing with the
    /// attributes of each entry took most of the time on large sites.
    public static func entries(_ folder: String) throws -> [(String, EntryType)] {
        var entries: [(String, EntryType)] = []
        try OpenFolder(path: folder).forEachEntry(stamping: false) { name, type, _ in
            entries.append((String(decoding: name, as: UTF8.self), type))
        }
        return entries.sorted { $0.0 < $1.0 }
    }

    /// Dot-files and what editors and file managers leave behind.
    public static func isLeftover(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".bak") || name.hasSuffix(".swp")
            || name == "Thumbs.db" || name == "desktop.ini"
    }

    /// Relative paths of the regular files below `root`, sorted.
    public static func files(in root: URL) throws -> [String] {
        try FileTree(root: root).files
    }
}

/// A folder the build was pointed at does not exist.
public struct MissingFolder: LocalizedError {
    public let path: String
    public var errorDescription: String? { "there is no folder \(path)" }
}
