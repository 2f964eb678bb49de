import Foundation
import SiteModel

/// What a build wrote into the output folder: every file with its size and
/// hash, and every folder. Kept beside the output folder (never uploaded
/// with the site); the next build replaces the folder only if it still
/// holds exactly these files, unchanged.
public struct OutputManifest: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public let path: String
        public let size: Int
        /// FNV-1a 64 of the bytes, 16 hex digits.
        public let fnv1a64: String
        /// The file's inode and modification time (nanoseconds) when written:
        /// while both and the size are the same, the file is unchanged and is
        /// not read again (as git and make tell). Absent in older manifests.
        public var inode: UInt64?
        public var modified: Int64?

        public init(path: String, size: Int, fnv1a64: String, stamp: FileStamp? = nil) {
            self.path = path
            self.size = size
            self.fnv1a64 = fnv1a64
            inode = stamp?.inode
            modified = stamp?.modified
        }

        /// Whether the file at `path` still is this one, by its stamp alone.
        public func isUnchanged(_ stamp: FileStamp?) -> Bool {
            guard let stamp, let inode, let modified else { return false }
            return stamp.size == size && stamp.inode == inode && stamp.modified == modified
        }
    }

    public var version = 1
    public var folders: [String]
    public var files: [File]
    /// The levels of the `.gz` and `.br` files among them, if the build compressed (`ContentEncoding.settings`).
    public var compression: String?

    public init(folders: [String], files: [File]) {
        self.folders = folders.sorted()
        self.files = files.sorted { $0.path < $1.path }
    }

    public static func read(from url: URL) -> OutputManifest? {
        // A build reads the manifest at several steps: decoded once while the file stays the same.
        let stamp = FileStamp(path: url.path)
        if let stamp, let last = LastRead.shared.value, last.path == url.path, last.stamp == stamp { return last.manifest }
        guard let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode(OutputManifest.self, from: data) else { return nil }
        // Kept only if the file did not change while it was read.
        if let stamp, FileStamp(path: url.path) == stamp { LastRead.shared.value = (url.path, stamp, manifest) }
        return manifest
    }

    /// The manifest read last, with the stamp its file had.
    private final class LastRead: @unchecked Sendable {
        static let shared = LastRead()
        private let lock = NSLock()
        private var last: (path: String, stamp: FileStamp, manifest: OutputManifest)?

        var value: (path: String, stamp: FileStamp, manifest: OutputManifest)? {
            get { lock.withLock { last } }
            set { lock.withLock { last = newValue } }
        }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A file's size, inode and modification time, from `lstat`.
public struct FileStamp: Equatable, Sendable {
    public let size: Int
    public let inode: UInt64
    public let modified: Int64

    public init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}
