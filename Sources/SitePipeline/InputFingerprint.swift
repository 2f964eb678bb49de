import CBuildID
import Foundation
import SiteLoad
import SiteModel
import SiteRender
import SiteWrite

/// Hashes of everything a build reads, taken before anything is parsed:
/// the tool itself, the templates, `site.yaml`, the options that change the
/// output, and every content file. A page's output depends on its own file,
/// on what every other page shows of itself (its path and front matter:
/// titles, navigation, services, centres, references) and on the assets;
/// the body of another page never reaches it.
struct InputFingerprint: Sendable {
    /// The tool, templates, `site.yaml` and the options that change pages.
    let global: ContentHash
    /// Paths and front matter of every Markdown file, and every other file whole.
    let faces: ContentHash
    /// Each content file's own hash, by content path.
    let files: [String: ContentHash]
    /// All but the content files' own hashes: the global hash, the faces, the files
    /// passed over and what the build was asked to do beside (today, strict, its steps).
    /// Two builds of the same frame differ only in the bodies of Markdown files.
    let frame: ContentHash
    /// The frame and every content file's own hash.
    let whole: ContentHash
    let tool: ToolIdentity
    /// The content files' hashes with their stamps, for the next build.
    let stamps: InputStamps
    /// How many content files were read again and found as recorded: their stamps were
    /// too recent to trust when taken (the files written just before that build: a
    /// checkout, a copy), or are new on the same bytes (touched). Until the stamps file
    /// holds them anew (written whole, with a later time, for the recent ones), every
    /// build reads them again; `restamps` says when writing it whole costs less.
    let readUnchanged: Int
    /// The content files read, not trusted by their stamps: the only ones whose records may differ from the last build's.
    let readPaths: [String]
    /// The Markdown files read, for the load step to take rather than read again.
    let readFiles: ReadFiles
    /// The content folder's listing, for the load step to take rather than walk the folder again; nil if it did not read.
    let contentTree: FileTree?

    /// Whether the next stamps file is better written whole than appended to, or than not
    /// written by a build that is up to date: a record is written in about a sixteenth of
    /// the time a file is read again.
    var restamps: Bool { readUnchanged > 0 && readUnchanged * 16 >= files.count }

    init(options: BuildOptions, steps: [Stage], previousTool: ToolIdentity?, previousStamps: InputStamps? = nil) {
        // When reading started (see `InputStamps.readAt`).
        let readAt = InputStamps.now
        tool = ToolIdentity.current(previous: previousTool)
        var global = ContentHash()
        global.add(tool.hash)
        global.add(SiteVersion.current)
        global.add(options.baseURL ?? "")
        global.add(options.includeDrafts ? "drafts" : "published")
        let templates = URL(fileURLWithPath: options.templates)
        let templateFiles = (try? FileTree(root: templates)) ?? FileTree()
        let templatesPath = templates.path
        for (path, hash) in zip(templateFiles.files, templateFiles.files.concurrentMap { Self.hash(templatesPath.joiningPath($0)) }) {
            global.add(path)
            global.add(hash.value)
        }
        global.add((templateFiles.links + templateFiles.special).joined(separator: "\n"))

        let content = URL(fileURLWithPath: options.content)
        contentTree = try? FileTree(root: content, keepHidden: [ContentLoader.wellKnown])
        let contentFiles = contentTree ?? FileTree()
        let contentPath = content.path, opened = try? OpenFolder(path: contentPath)
        let read = contentFiles.files.concurrentMap { path -> (whole: ContentHash, face: ContentHash, stamp: FileStamp?, read: Bool, unchanged: Bool, bytes: Data?) in
            let file = contentPath.joiningPath(path)
            let stamp = opened.map { $0.stamp(path) } ?? FileStamp(path: file)
            if let known = previousStamps?.hashes(path, stamp: stamp) { return (known.whole, known.face, stamp, false, false, nil) }
            // Read through one descriptor, whose stamps before and after the read are the file's while it was read.
            guard case .read(let data, let readStamp) = FileBytes.contents(of: file, limit: Self.readLimit) else {
                return (ContentHash(), ContentHash(), nil, true, false, nil)
            }
            let whole = ContentHash.of(data)
            // The stamp is kept only if the file did not change from its stamp's taking to the read's end.
            return (whole, path.hasSuffix(".md") ? Self.frontMatterHash(data) : whole,
                    readStamp == stamp ? stamp : nil, true, previousStamps?.records[path]?.whole == whole,
                    ReadFiles.keeps(path, size: data.count) ? data : nil)
        }
        readUnchanged = read.reduce(0) { $0 + ($1.unchanged ? 1 : 0) }
        readPaths = zip(contentFiles.files, read).compactMap { $1.read ? $0 : nil }
        // The files read and their stamps are kept by the other core while this one tells the hashes
        // (each table some 5 ms for 10,000 files, with the other core idle).
        let paths = contentFiles.files
        let kept = Ahead {
            var (stamps, readBytes) = (InputStamps(readAt: readAt), [String: ReadFiles.File]())
            stamps.records.reserveCapacity(paths.count)
            for (path, hashes) in zip(paths, read) {
                if let bytes = hashes.bytes { readBytes[path] = ReadFiles.File(bytes: bytes, hash: hashes.whole) }
                if let stamp = hashes.stamp {
                    stamps.records[path] = InputStamps.Record(size: stamp.size, inode: stamp.inode, modified: stamp.modified,
                                                              whole: hashes.whole, face: hashes.face)
                }
            }
            return (stamps, ReadFiles(readBytes))
        }
        var faces = ContentHash()
        var files: [String: ContentHash] = [:]
        files.reserveCapacity(paths.count)
        for (path, hashes) in zip(paths, read) {
            files[path] = hashes.whole
            if path == ContentLoader.settingsFile { global.add(hashes.whole.value) }
            faces.add(path)
            faces.add(hashes.face.value)
        }
        // Links and special files are errors of the build: never up to date with them.
        faces.add((contentFiles.links + contentFiles.special).joined(separator: "\n"))
        self.global = global
        self.faces = faces
        self.files = files
        (self.stamps, readFiles) = kept.wait()
        var frame = global
        frame.add(faces.value)
        // Passed over, but counted in the report.
        frame.add(contentFiles.skipped.joined(separator: "\n"))
        frame.add(options.today?.iso ?? "")
        frame.add("\(options.strict) " + steps.map(\.rawValue).joined(separator: " "))
        self.frame = frame
        var whole = frame
        for (path, hashes) in zip(contentFiles.files, read) { whole.add(path); whole.add(hashes.whole.value) }
        self.whole = whole
    }

    /// What a page's output file is made from.
    func pageKey(_ page: Page) -> String {
        pageKey(page.source.relativePath)
    }

    /// The same, by the page's content path.
    func pageKey(_ contentPath: String) -> String {
        var key = global
        key.add(faces.value)
        key.add(files[contentPath]?.value ?? 0)
        return key.hex
    }

    /// What a page's editorial findings are made from: its file and the site's settings.
    func editorialKey(_ page: Page) -> String {
        editorialKey(page.source.relativePath)
    }

    func editorialKey(_ contentPath: String) -> String {
        var key = global
        key.add(files[contentPath]?.value ?? 0)
        return key.hex
    }

    /// A file is hashed whole however large: one over the loader's limit is its error, told by the load step.
    static let readLimit = Int.max / 2

    /// A file's hash, read a block at a time: mapped whole, the tool's own
    /// file (some 90 MB) counted in the memory of every build that hashed it.
    static func hash(_ path: String) -> ContentHash {
        guard let handle = FileHandle(forReadingAtPath: path) else { return ContentHash() }
        defer { try? handle.close() }
        var hash = ContentHash()
        while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty { hash.add(block) }
        return hash
    }

    /// The bytes up to the second `---` line (all of them when there is none).
    static func frontMatterHash(_ data: Data) -> ContentHash {
        data.withUnsafeBytes { bytes -> ContentHash in
            var hash = ContentHash()
            var fences = 0
            var lineStart = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<index])
                if line.count >= 3, line[0] == 0x2D, line[1] == 0x2D, line[2] == 0x2D, line.dropFirst(3).allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                    fences += 1
                    if fences == 2 {
                        hash.add(UnsafeRawBufferPointer(rebasing: bytes[..<index]))
                        return hash
                    }
                }
                lineStart = index + 1
            }
            hash.add(bytes)
            return hash
        }
    }
}

/// The running tool's file and hash: a new build of the tool may render
/// pages differently, and its version string stays the same between commits.
struct ToolIdentity: Codable, Equatable, Sendable {
    var path: String
    var size: Int
    var inode: UInt64
    var modified: Int64
    var hash: UInt64

    /// The running program's build ID when the linker gave it one (a hash of
    /// the whole program, read from memory in microseconds); otherwise a hash
    /// of the executable, unless it is the same file (by stamp) as last time.
    static func current(previous: ToolIdentity?) -> ToolIdentity {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        if let id = programBuildID() {
            var hash = ContentHash()
            hash.add("build-id")
            id.withUnsafeBytes { hash.add($0) }
            return ToolIdentity(path: path, size: 0, inode: 0, modified: 0, hash: hash.value)
        }
        guard let stamp = FileStamp(path: path) else {
            return ToolIdentity(path: path, size: 0, inode: 0, modified: 0, hash: ContentHash.of([SiteVersion.current]).value)
        }
        if let previous, previous.path == path, previous.size == stamp.size, previous.inode == stamp.inode, previous.modified == stamp.modified {
            return previous
        }
        return ToolIdentity(path: path, size: stamp.size, inode: stamp.inode, modified: stamp.modified,
                            hash: InputFingerprint.hash(path).value)
    }

    /// The build ID in the running program's ELF notes, nil when it has none.
    static func programBuildID() -> [UInt8]? {
        var id = [UInt8](repeating: 0, count: 64)
        let length = id.withUnsafeMutableBufferPointer { site_program_build_id($0.baseAddress, $0.count) }
        return length > 0 ? Array(id.prefix(length)) : nil
    }
}
