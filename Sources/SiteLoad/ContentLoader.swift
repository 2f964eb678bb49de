import Foundation
import SiteModel

/// Everything the content folder holds, read but not yet checked.
public struct LoadedContent: Sendable {
    /// The content folder as editors name it.
    public var displayRoot = ""
    public var sources: [SourceFile] = []
    /// `site.yaml`: site-wide settings.
    public var siteSettings: FrontMatter?
    /// Other files (images, PDFs) to copy to the site as they are, by content path.
    public var assets: [String: URL] = [:]
    /// Markdown files that could not be read or parsed, by content path: they
    /// still exist, so links and citations to them are not errors of their own.
    public var unreadable: [String] = []
    /// Dot-files and editor leftovers passed over, by content path.
    public var skipped: [String] = []
    public var diagnostics: [Diagnostic] = []
}

/// Stage 1: reads `content/`. Files are read in path order so every later
/// stage sees them in the same order on every machine. Nothing outside the
/// folder is read: symbolic links and special files are errors.
public struct ContentLoader: Sendable {
    public static let settingsFile = "site.yaml"
    /// Published as they are, though hidden (`security.txt` and the like).
    public static let wellKnown = ".well-known"
    /// The largest Markdown file read, unless `site.yaml` sets `max_markdown_kb`.
    public static let defaultMarkdownLimitKB = 5 * 1024

    public let directory: URL
    /// How paths are shown to editors: the content folder as given on the command line.
    public let displayRoot: String
    /// Outlines an earlier build made, by the hash of their file's bytes: a file
    /// read again unchanged is not parsed for its outline again.
    public var knownOutlines: [ContentHash: MarkdownOutline] = [:]
    /// Fronts an earlier build found, by the same hash: a file whose stamp gives
    /// its hash (`knownHash`) and whose front and outline are known is not read.
    public var knownFronts: [ContentHash: SourceFile.Front] = [:]
    /// A file's hash as the build's inputs step took it, if that still holds for
    /// the file with this stamp: such a file is not hashed again.
    public var knownHash: (@Sendable (_ path: String, _ stamp: FileStamp) -> ContentHash?)?
    /// Files the build's inputs step read and hashed: each is taken from there, not read again.
    public var readFiles: ReadFiles?
    /// The folder's listing as the build's inputs step took it (some 10 ms for 10,000 pages, on one core): not walked again.
    public var tree: FileTree?

    /// `directory.path`, worked out once: Foundation makes it anew at each call.
    private let directoryPath: String

    public init(directory: URL, displayRoot: String) {
        self.directory = directory
        directoryPath = directory.path
        self.displayRoot = displayRoot
    }

    public func load() -> LoadedContent {
        var content = LoadedContent()
        content.displayRoot = displayRoot
        let tree: FileTree
        do {
            tree = try self.tree ?? FileTree(root: directory, keepHidden: [Self.wellKnown])
        } catch {
            content.diagnostics.append(.error(displayRoot, 1, .missingFolder, "cannot read the content folder: \(error.plainDescription)"))
            return content
        }
        content.skipped = tree.skipped
        for path in tree.links {
            content.diagnostics.append(.error(display(path), 1, .notARegularFile,
                                              "a symbolic link: content must be real files inside the content folder (copy the file in)"))
        }
        for path in tree.special {
            content.diagnostics.append(.error(display(path), 1, .notARegularFile, "not a regular file (a pipe, socket or device): remove it"))
        }
        let files = tree.files
        if files.isEmpty && tree.links.isEmpty {
            content.diagnostics.append(.error(displayRoot, 1, .emptyContent, "the content folder has no files"))
        }
        if files.contains(Self.settingsFile) {
            content.siteSettings = readSettings(Self.settingsFile, into: &content.diagnostics)
        } else if !files.isEmpty {
            content.diagnostics.append(.error(display(Self.settingsFile), 1, .missingSettings, "missing site settings file (title, provider, base_url, telephone, telephone_international)"))
        }
        let limit = markdownLimitKB(content.siteSettings) * 1024
        // Parsing is independent per file: spread it over the cores.
        let markdown = files.filter { $0.hasSuffix(".md") }
        for (path, result) in zip(markdown, markdown.concurrentMap({ readSource($0, limit: limit) })) {
            switch result {
            case .success(let source): content.sources.append(source)
            case .failure(let diagnostic):
                content.diagnostics.append(diagnostic)
                content.unreadable.append(path)
            }
        }
        for path in files where !path.hasSuffix(".md") && path != Self.settingsFile {
            content.assets[path] = directory.file(path)
        }
        return content
    }

    /// `site.yaml` read alone, as `load` reads it; nil if it does not read.
    public func readSiteSettings() -> FrontMatter? {
        var diagnostics: [Diagnostic] = []
        return readSettings(Self.settingsFile, into: &diagnostics)
    }

    /// One Markdown file read alone, exactly as `load` reads each (its size
    /// limit from `settings`, `site.yaml`'s fields), with nothing known of it.
    public func readMarkdownFile(_ path: String, settings: FrontMatter?) -> Result<SourceFile, Diagnostic> {
        var alone = self
        alone.knownOutlines = [:]
        alone.knownFronts = [:]
        alone.knownHash = nil
        alone.readFiles = nil
        return alone.readSource(path, limit: markdownLimitKB(settings) * 1024)
    }

    func display(_ relativePath: String) -> String {
        displayRoot.joiningPath(relativePath)
    }

    /// `max_markdown_kb` of `site.yaml` when it is a whole number; validation reports it otherwise.
    private func markdownLimitKB(_ settings: FrontMatter?) -> Int {
        settings?["max_markdown_kb"]?.value.scalar.flatMap { Int($0.string) }.map { max($0, 1) } ?? Self.defaultMarkdownLimitKB
    }

    private func readSource(_ path: String, limit: Int) -> Result<SourceFile, Diagnostic> {
        let fullPath = directoryPath.joiningPath(path)
        if let unread = unreadSource(path, at: fullPath, limit: limit) { return unread }
        let data: Data, hash: ContentHash
        let outcome: FileBytes.Outcome, handed = readFiles?.take(path)
        if let handed {
            outcome = handed.bytes.count <= limit ? .read(handed.bytes, nil) : .tooLarge(handed.bytes.count)
        } else {
            outcome = FileBytes.contents(of: fullPath, limit: limit)
        }
        switch outcome {
        case .read(let bytes, let stamp):
            data = bytes
            hash = handed?.hash ?? stamp.flatMap { knownHash?(path, $0) } ?? ContentHash.of(bytes)
        case .tooLarge(let size):
            return .failure(.error(display(path), 1, .tooLarge,
                                   "the file has \(size / 1024) KB, more than the \(limit / 1024) KB a Markdown file may have (max_markdown_kb in site.yaml): split it into several pages"))
        case .unreadable:
            return .failure(.error(display(path), 1, .unreadableFile, "cannot read the file"))
        }
        // A known outline was made from these very bytes, which were then nested shallowly enough.
        let known = knownOutlines[hash]
        let tooDeep = { (bytes: UnsafeRawBufferPointer) -> Diagnostic? in
            guard known == nil, let (line, depth) = NestingDepth.firstTooDeep(bytes) else { return nil }
            return .error(display(path), line, .tooDeep, "blockquotes or lists nested \(depth) deep: at most \(NestingDepth.limit) levels are allowed")
        }
        if let parsed = SourceFile.parse(utf8: data, displayPath: display(path), relativePath: path, contentHash: hash,
                                         knownOutline: known, tooDeep: tooDeep) {
            return parsed
        }
        return TextDecoding.decode(data, file: display(path)).flatMap { text in
            var text = text
            if let deep = text.withUTF8({ tooDeep(UnsafeRawBufferPointer($0)) }) { return .failure(deep) }
            return SourceFile.parse(text, displayPath: display(path), relativePath: path, contentHash: hash, knownOutline: known)
        }
    }

    /// A file unchanged since the last build by its stamp, whose front and outline
    /// that build kept: made from them with one `lstat` (reading 10,000 pages for
    /// a one-page edit was 80 MB and six system calls a file). Its body is read
    /// only if a later step needs it, and is then empty, marked changed, if the
    /// bytes are no longer those (see `MarkdownBody`). Nil for any other file: it is read.
    private func unreadSource(_ path: String, at fullPath: String, limit: Int) -> Result<SourceFile, Diagnostic>? {
        guard !knownFronts.isEmpty, let knownHash, let stamp = FileStamp(path: fullPath), stamp.size <= limit,
              let hash = knownHash(path, stamp), let front = knownFronts[hash], let outline = knownOutlines[hash] else { return nil }
        return SourceFile.unread(front, outline: outline, displayPath: display(path), relativePath: path, contentHash: hash) {
            guard case .read(let data, _) = FileBytes.contents(of: fullPath, limit: limit), ContentHash.of(data) == hash else { return nil }
            return data
        }
    }

    private func readSettings(_ path: String, into diagnostics: inout [Diagnostic]) -> FrontMatter? {
        guard let data = FileManager.default.contents(atPath: directoryPath.joiningPath(path)) else {
            diagnostics.append(.error(display(path), 1, .unreadableFile, "cannot read the file"))
            return nil
        }
        let parsed = TextDecoding.decode(data, file: display(path)).flatMap {
            FrontMatter.parse($0, file: display(path), firstLine: 1)
        }
        switch parsed {
        case .success(let settings): return settings
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }
}
