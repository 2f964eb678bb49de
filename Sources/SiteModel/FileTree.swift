import Foundation

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
        let absolute = relative.isEmpty ? root : root.appendingPathComponent(relative)
        for name in try FileManager.default.contentsOfDirectory(atPath: absolute.path).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            if Self.isLeftover(name) && !(relative.isEmpty && keepHidden.contains(name)) {
                skipped.append(path)
                continue
            }
            // Attributes of the entry itself: a link is not followed.
            let type = (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path))?[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?: try walk(root, path, keepHidden: keepHidden)
            case .typeRegular?: files.append(path)
            case .typeSymbolicLink?: links.append(path)
            default: special.append(path)
            }
        }
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
