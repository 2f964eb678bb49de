import Foundation
import SiteModel

/// How the preview answers a request path, the way a static web host does:
/// the site sits below its base path, a folder serves its `index.html`, a
/// folder without its trailing slash redirects, anything else is the site's
/// 404 page with status 404.
public enum PreviewRoute: Equatable, Sendable {
    case file(path: String)
    case redirect(location: String)
    case notFound

    /// `requestPath` is the decoded path of the request, trailing slash kept.
    public static func resolve(_ requestPath: String, basePath: String, in folder: URL) -> PreviewRoute {
        let path = requestPath
        if path == "/" && basePath != "/" { return .redirect(location: encoded(basePath)) }
        if path + "/" == basePath { return .redirect(location: encoded(basePath)) }
        guard path.hasPrefix(basePath) else { return .notFound }
        let relative = String(path.dropFirst(basePath.count))
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return .notFound }
        let file = SitePaths.servedFile(for: relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path, isDirectory: &isDirectory) else {
            return .notFound
        }
        if isDirectory.boolValue { return .redirect(location: encoded(requestPath + "/")) }
        // A symlink never leads out of the served folder.
        let root = folder.resolvingSymlinksInPath().path
        guard folder.appendingPathComponent(file).resolvingSymlinksInPath().path.hasPrefix(root + "/") else { return .notFound }
        return .file(path: file)
    }

    /// A path as a `Location` header carries it: percent-encoded, so no
    /// character of a file name can end the header.
    static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
    }

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "txt": "text/plain; charset=utf-8", "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml", "webp": "image/webp",
        "pdf": "application/pdf", "ico": "image/x-icon",
    ]

    public static func contentType(of path: String) -> String {
        contentTypes[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
