import Foundation
import SiteModel

/// What a build wrote into the output folder: every file with its size and
/// hash (`FileHash`; `WordHash` in manifests of version 2, FNV-1a in those of version 1), and every folder. Kept beside the output folder (never uploaded
/// with the site); the next build replaces the folder only if it still
/// holds exactly these files, unchanged.
public struct OutputManifest: Equatable, Sendable {
    public struct File: Equatable, Sendable {
        public let path: String
        public let size: Int
        /// The bytes' hash (the manifest's `hashing`), 16 hex digits.
        public let hash: String
        /// The file's inode and modification time (nanoseconds) when written:
        /// while both and the size are the same, the file is unchanged and is
        /// not read again (as git and make tell). Absent in older manifests.
        public var inode: UInt64?
        public var modified: Int64?

        public init(path: String, size: Int, hash: String, stamp: FileStamp? = nil) {
            self.path = path
            self.size = size
            self.hash = hash
            inode = stamp?.inode
            modified = stamp?.modified
        }

        /// Whether the file at `path` still is this one, by its stamp alone.
        public func isUnchanged(_ stamp: FileStamp?) -> Bool {
            guard let stamp, let inode, let modified else { return false }
            return stamp.size == size && stamp.inode == inode && stamp.modified == modified
        }

        /// This file in the folder `root`, for a new site to take as it is, if it
        /// still is the one written (by its stamp, looked up from `opened`, the
        /// folder open, when given).
        public func asWritten(in root: String, opened: OpenFolder? = nil) -> OutputFile? {
            let path = root.joiningPath(self.path)
            guard let stamp = opened.map({ $0.stamp(self.path) }) ?? FileStamp(path: path), isUnchanged(stamp) else {
                return nil
            }
            return OutputFile(path: self.path, reusing: path, size: size, hash: hash, stamp: stamp)
        }
    }

    /// How the files' hashes were made: a manifest read from an earlier build's
    /// file may hold FNV-1a's, which are checked as such and never written again.
    public var hashing = FileHashing.fileHash
    public var folders: [String]
    public var files: [File]
    /// The levels of the `.gz` and `.br` files among them, if the build compressed (`ContentEncoding.settings`).
    public var compression: String?

    /// The files by path (the first of a path, should one be listed twice).
    public var filesByPath: [String: File] {
        Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the files are in the order of their paths, as a build writes them (`file(at:)` finds each).
    public var isSorted: Bool {
        files.isAscending(by: \.path)
    }

    /// The file at `path` (the first, should it be listed twice), found by halves in the
    /// files as a manifest keeps them, sorted: a build that asks for a few need not make
    /// `filesByPath` of all (50,000 for a site of 50,000 pages). Nil in a manifest out of order.
    public func file(at path: String) -> File? {
        files.element(withKey: path, by: \.path)
    }

    /// Each file by its path, for a build that asks for many: by halves in the files as a
    /// build writes them, sorted (a table of 10,000 took one core a tenth of a one-page
    /// edit), else in `filesByPath`. Safe to call from several threads at once.
    public var lookup: @Sendable (String) -> File? {
        if isSorted { return { [self] in file(at: $0) } }
        let written = filesByPath
        return { written[$0] }
    }

    public init(folders: [String], files: [File]) {
        self.folders = folders.sorted()
        self.files = files.sorted { $0.path < $1.path }
    }

    public static func read(from url: URL) -> OutputManifest? {
        // A build reads the manifest at several steps: decoded once while the file stays the same.
        let stamp = FileStamp(path: url.path)
        if let stamp, let last = LastRead.shared.value, last.path == url.path, last.stamp == stamp { return last.manifest }
        guard let data = try? Data(contentsOf: url), let manifest = decode(data) else { return nil }
        // Kept only if the file did not change while it was read.
        if let stamp, FileStamp(path: url.path) == stamp { LastRead.shared.value = (url.path, stamp, manifest) }
        return manifest
    }

    /// The JSON manifest earlier builds of the tool wrote (`formerManifest`):
    /// read so that their output folder is replaced as theirs, not refused.
    static func readFormer(from url: URL) -> OutputManifest? {
        struct Former: Decodable {
            struct File: Decodable {
                let path: String
                let size: Int
                let fnv1a64: String
                let inode: UInt64?
                let modified: Int64?
            }
            let folders: [String]
            let files: [File]
            let compression: String?
        }
        guard let data = try? Data(contentsOf: url), let former = try? JSONDecoder().decode(Former.self, from: data),
              former.files.allSatisfy({ $0.fnv1a64.utf8.count == 16 }) else { return nil }
        var manifest = OutputManifest(folders: former.folders, files: former.files.map { file in
            var record = File(path: file.path, size: file.size, hash: file.fnv1a64)
            (record.inode, record.modified) = (file.inode, file.modified)
            return record
        })
        manifest.compression = former.compression
        manifest.hashing = .fnv1a64
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

    /// One line a record, fields between tabs: a header, the compression
    /// levels, then `folder PATH` and `file PATH SIZE HASH INODE TIME` lines
    /// (`-` for an unknown stamp). A line format, since a site of 10,000
    /// pages took JSONDecoder 80 to 150 ms and reads in a few here.
    public func encoded() throws -> Data {
        var lines = TabSeparated.Lines()
        lines.start("\(Self.header) \(Self.version(hashing))")
        lines.end()
        lines.add("compression", compression ?? "")
        for folder in folders { lines.add("folder", folder) }
        // The files' lines on both cores, a part each, joined in order: on one, for 10,000 pages,
        // some 15 ms at the end of every build, a tenth of a one-page edit.
        let parts = files.runs(of: 2_048).concurrentMap { range in
            var lines = TabSeparated.Lines()
            for file in files[range] {
                lines.start("file")
                lines.field(file.path)
                lines.field(file.size)
                lines.field(file.hash)
                if let inode = file.inode { lines.field(inode) } else { lines.field("-") }
                if let modified = file.modified { lines.field(modified) } else { lines.field("-") }
                lines.end()
            }
            return lines
        }
        guard lines.whole, parts.allSatisfy(\.whole) else {
            throw ManifestError(path: (folders + files.map(\.path)).first { !Self.isField($0) } ?? compression ?? "")
        }
        var data = Data(lines.bytes)
        for part in parts { data.append(contentsOf: part.bytes) }
        return data
    }

    static let header = "site-output-manifest"

    /// The version of a manifest whose records hold `hashing`'s hashes.
    static func version(_ hashing: FileHashing) -> Int {
        switch hashing {
        case .fileHash: 3
        case .wordHash: 2
        case .fnv1a64: 1
        }
    }

    /// The manifest `encoded()` wrote, or nil for anything else (then the
    /// output folder is taken as having no manifest). Versions 2 and 1, which
    /// builds before `FileHash` wrote, are read with their hashes.
    static func decode(_ data: Data) -> OutputManifest? {
        var manifest = OutputManifest(folders: [], files: [])
        var line = 0
        let whole = TabSeparated.read(data) { fields in
            defer { line += 1 }
            switch line {
            case 0:
                guard fields.count == 1 else { return false }
                switch TabSeparated.text(fields[0]) {
                case "\(header) 3": manifest.hashing = .fileHash
                case "\(header) 2": manifest.hashing = .wordHash
                case "\(header) 1": manifest.hashing = .fnv1a64
                default: return false
                }
                return true
            case 1:
                guard fields.count == 2, TabSeparated.equals(fields[0], "compression") else { return false }
                manifest.compression = fields[1].isEmpty ? nil : TabSeparated.text(fields[1])
                return true
            default:
                if fields.count == 2, TabSeparated.equals(fields[0], "folder") {
                    manifest.folders.append(TabSeparated.text(fields[1]))
                    return true
                }
                guard fields.count == 6, TabSeparated.equals(fields[0], "file"),
                      let size = TabSeparated.unsigned(fields[2]).flatMap({ Int(exactly: $0) }), TabSeparated.hash(fields[3]) != nil else { return false }
                var file = File(path: TabSeparated.text(fields[1]), size: size, hash: TabSeparated.text(fields[3]))
                if !TabSeparated.equals(fields[4], "-") || !TabSeparated.equals(fields[5], "-") {
                    guard let inode = TabSeparated.unsigned(fields[4]), let modified = TabSeparated.signed(fields[5]) else { return false }
                    file.inode = inode
                    file.modified = modified
                }
                manifest.files.append(file)
                return true
            }
        }
        return whole && line >= 2 ? manifest : nil
    }

    /// A path that fits between tabs on one line (content names are words and hyphens; this holds for any).
    private static func isField(_ path: String) -> Bool {
        !path.utf8.contains { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }
}

struct ManifestError: Error, CustomStringConvertible {
    let path: String
    var description: String { "the output manifest cannot hold the path \(path.debugDescription) (a tab or line break in a name)" }
}
