import Foundation
import SiteModel

/// Everything the content folder holds, read but not yet checked.
public struct LoadedContent: Sendable {
    public var sources: [SourceFile] = []
    /// `site.yaml`: site-wide settings.
    public var siteSettings: FrontMatter?
    /// Other files (images, PDFs) copied to the site as they are, by content path.
    public var assets: [String: URL] = [:]
    public var diagnostics: [Diagnostic] = []
}

/// Stage 1: reads `content/` into memory. Files are read in path order so
/// every later stage sees them in the same order on every machine.
public struct ContentLoader: Sendable {
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
            files = try FileTree.files(in: directory)
        } catch {
            content.diagnostics.append(.error(displayRoot, 1, .missingFolder, "cannot read the content folder: \(error.localizedDescription)"))
            return content
        }
        if files.isEmpty {
            content.diagnostics.append(.error(displayRoot, 1, .emptyContent, "the content folder has no files"))
        }
        // Parsing is independent per file: spread it over the cores.
        let markdown = files.filter { $0.hasSuffix(".md") }
        for result in markdown.concurrentMap({ readSource($0) }) {
            switch result {
            case .success(let source): content.sources.append(source)
            case .failure(let diagnostic): content.diagnostics.append(diagnostic)
            }
        }
        for path in files where !path.hasSuffix(".md") {
            if path == Self.settingsFile {
                content.siteSettings = readSettings(path, into: &content.diagnostics)
            } else {
                content.assets[path] = directory.appendingPathComponent(path)
            }
        }
        // A site.yaml that does not parse has its own error already.
        if !files.contains(Self.settingsFile) && !files.isEmpty {
            content.diagnostics.append(.error(display(Self.settingsFile), 1, .missingSettings, "missing site settings file (title, provider, base_url, telephone, telephone_international)"))
        }
        return content
    }

    func display(_ relativePath: String) -> String {
        displayRoot.joiningPath(relativePath)
    }

    private func readSource(_ path: String) -> Result<SourceFile, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path) else {
            return .failure(.error(display(path), 1, .unreadableFile, "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.error(display(path), 1, .notUTF8, "the file is not UTF-8 text"))
        }
        return SourceFile.parse(text, displayPath: display(path), relativePath: path)
    }

    private func readSettings(_ path: String, into diagnostics: inout [Diagnostic]) -> FrontMatter? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path),
              let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error(display(path), 1, .notUTF8, "cannot read the file as UTF-8 text"))
            return nil
        }
        switch FrontMatter.parse(text, file: display(path), firstLine: 1) {
        case .success(let settings): return settings
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }
}
