import Foundation
import SiteModel

/// A built site folder as the checker sees it: every file, and every HTML
/// page parsed.
public struct BuiltSite: Sendable {
    public let folder: URL
    /// `folder.path`, worked out once: Foundation makes it anew at each call.
    private let folderPath: String
    /// How the folder is named in findings (`public`).
    public let displayRoot: String
    public let files: Set<String>
    public let pages: [String: HTMLPage]

    public init(folder: URL, displayRoot: String) throws {
        self.folder = folder
        let folderPath = folder.path
        self.folderPath = folderPath
        self.displayRoot = displayRoot
        let all = try FileTree.files(in: folder)
        files = Set(all)
        let htmlFiles = all.filter { $0.hasSuffix(".html") }
        // Pages parse independently: use every core.
        let parsed = htmlFiles.concurrentMap { path in
            FileManager.default.contents(atPath: folderPath.joiningPath(path)).map(HTMLPage.init(data:))
        }
        var pages: [String: HTMLPage] = [:]
        for (path, page) in zip(htmlFiles, parsed) { pages[path] = page }
        self.pages = pages
    }

    public func display(_ path: String) -> String {
        displayRoot.joiningPath(path)
    }

    public func data(_ path: String) -> Data? {
        FileManager.default.contents(atPath: folderPath.joiningPath(path))
    }

    /// Where the site lives, from the home page's canonical link.
    public var paths: SitePaths? {
        pages["index.html"]?.canonical.map(SitePaths.init(baseURL:))
    }

    /// The file a path below the site root is served from (`x/` -> `x/index.html`), if it exists.
    public func file(for path: String) -> String? {
        let candidate = SitePaths.servedFile(for: path)
        return files.contains(candidate) ? candidate : nil
    }
}
