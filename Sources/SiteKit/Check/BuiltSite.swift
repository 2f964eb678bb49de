import Foundation

/// A built site folder as the checker sees it: every file, and every HTML
/// page parsed.
public struct BuiltSite {
    public let folder: URL
    /// How the folder is named in findings (`public`).
    public let displayRoot: String
    public let files: Set<String>
    public let pages: [String: HTMLPage]

    public init(folder: URL, displayRoot: String) throws {
        self.folder = folder
        self.displayRoot = displayRoot
        let all = try ContentLoader.listFiles(in: folder)
        files = Set(all)
        let htmlFiles = all.filter { $0.hasSuffix(".html") }
        var parsed = [HTMLPage?](repeating: nil, count: htmlFiles.count)
        // Pages parse independently: use every core.
        parsed.withUnsafeMutableBufferPointer { results in
            DispatchQueue.concurrentPerform(iterations: htmlFiles.count) { index in
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(htmlFiles[index]).path) {
                    results[index] = HTMLPage(data: data)
                }
            }
        }
        var pages: [String: HTMLPage] = [:]
        for (index, path) in htmlFiles.enumerated() { pages[path] = parsed[index] }
        self.pages = pages
    }

    public func display(_ path: String) -> String {
        displayRoot.joiningPath(path)
    }

    public func data(_ path: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
    }

    /// The site's absolute base URL: the home page's canonical link.
    public var baseURL: String? {
        pages["index.html"]?.canonical.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// The file a path below the site root is served from (`x/` -> `x/index.html`), if it exists.
    public func file(for path: String) -> String? {
        let candidate = Self.servedFile(for: path)
        return files.contains(candidate) ? candidate : nil
    }

    /// The file a host serves for a path: a folder (`x/`, or the root) serves its `index.html`.
    public static func servedFile(for path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }
}
