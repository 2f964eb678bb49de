import Foundation

/// Everything the content folder holds, read but not yet checked.
public struct LoadedContent {
    public var sources: [SourceFile] = []
    /// `site.yaml`: site-wide settings.
    public var siteSettings: FrontMatter?
    /// Other files (images, PDFs) copied to the site as they are, by content path.
    public var assets: [String: URL] = [:]
    public var diagnostics: [Diagnostic] = []
}

/// Stage 1: reads `content/` into memory. Files are read in path order so
/// every later stage sees them in the same order on every machine.
public struct ContentLoader {
    public static let settingsFile = "site.yaml"

    public let directory: URL
    /// How paths are shown to editors: the content folder as given on the command line.
    public let displayRoot: String

    public init(directory: URL, displayRoot: String) {
        self.directory = directory
        self.displayRoot = displayRoot
    }

    public func load() -> LoadedContent {
        var content = LoadedContent()
        let files: [String]
        do {
            files = try Self.listFiles(in: directory)
        } catch {
            content.diagnostics.append(.error(displayRoot, 1, "cannot read the content folder: \(error.localizedDescription)"))
            return content
        }
        if files.isEmpty {
            content.diagnostics.append(.error(displayRoot, 1, "the content folder has no files"))
        }
        var parsed = [Result<SourceFile, Diagnostic>?](repeating: nil, count: files.count)
        let markdown = files.enumerated().filter { $0.element.hasSuffix(".md") }
        // Parsing is independent per file: spread it over the cores.
        parsed.withUnsafeMutableBufferPointer { results in
            DispatchQueue.concurrentPerform(iterations: markdown.count) { index in
                let (slot, path) = markdown[index]
                results[slot] = readSource(path)
            }
        }
        for (index, path) in files.enumerated() {
            if let result = parsed[index] {
                switch result {
                case .success(let source): content.sources.append(source)
                case .failure(let diagnostic): content.diagnostics.append(diagnostic)
                }
            } else if path == Self.settingsFile {
                content.siteSettings = readSettings(path, into: &content.diagnostics)
            } else {
                content.assets[path] = directory.appendingPathComponent(path)
            }
        }
        if content.siteSettings == nil && !files.isEmpty {
            content.diagnostics.append(.error(display(Self.settingsFile), 1, "missing site settings file (title, provider, base_url, telephone, telephone_international)"))
        }
        return content
    }

    func display(_ relativePath: String) -> String {
        displayRoot.joiningPath(relativePath)
    }

    private func readSource(_ path: String) -> Result<SourceFile, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path) else {
            return .failure(.error(display(path), 1, "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.error(display(path), 1, "the file is not UTF-8 text"))
        }
        return SourceFile.parse(text, displayPath: display(path), relativePath: path)
    }

    private func readSettings(_ path: String, into diagnostics: inout [Diagnostic]) -> FrontMatter? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path),
              let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error(display(path), 1, "cannot read the file as UTF-8 text"))
            return nil
        }
        switch FrontMatter.parse(text, file: display(path), firstLine: 1) {
        case .success(let settings): return settings
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    /// Relative paths of all files below `root`, sorted; hidden files are skipped.
    static func listFiles(in root: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingFolder(path: root.path)
        }
        var result: [String] = []
        func walk(_ relative: String) throws {
            let absolute = relative.isEmpty ? root : root.appendingPathComponent(relative)
            for name in try FileManager.default.contentsOfDirectory(atPath: absolute.path) where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                var childIsDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &childIsDirectory)
                if childIsDirectory.boolValue {
                    try walk(path)
                } else {
                    result.append(path)
                }
            }
        }
        try walk("")
        return result.sorted()
    }
}

/// A folder the build was pointed at does not exist.
public struct MissingFolder: LocalizedError {
    public let path: String
    public var errorDescription: String? { "there is no folder \(path)" }
}
