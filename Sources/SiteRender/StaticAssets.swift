import Foundation
import SiteModel

/// The files of `templates/static/` as published. Stylesheets and scripts
/// carry a hash of their bytes in their names (`styles.3f2a9c1b.css`), so a
/// host can let browsers keep them for a year: a changed file gets a new
/// name, and every page naming it is rewritten with it. Other files keep
/// their names: `finder.js` fetches the JSON files by name, and HTML is
/// never cached that long.
public struct StaticAssets: Sendable {
    static let fingerprintedExtensions: Set<String> = ["css", "js"]

    /// The published path of each static file, by its path in `static/`.
    public let published: [String: String]
    public let files: [OutputFile]

    /// Reads the stylesheets and scripts for their hashes; the rest are copied as they are.
    init(staticFiles: [String: URL]) throws {
        var published: [String: String] = [:]
        var files: [OutputFile] = []
        for (path, url) in staticFiles.sorted(by: { $0.key < $1.key }) {
            guard Self.fingerprintedExtensions.contains((path as NSString).pathExtension) else {
                published[path] = path
                files.append(OutputFile(path: path, copying: url))
                continue
            }
            let data = try Data(contentsOf: url)
            let name = Self.fingerprinted(path, data: data)
            published[path] = name
            files.append(OutputFile(path: name, data: data))
        }
        self.published = published
        self.files = files
    }

    /// `css/site.css` as `css/site.<8 hex digits>.css` (called only for paths with an extension).
    static func fingerprinted(_ path: String, data: Data) -> String {
        let hash = String(FNV1a64.hash(data).prefix(8))
        guard let dot = path.lastIndex(of: ".") else { return path + "." + hash }
        return String(path[..<dot]) + "." + hash + String(path[dot...])
    }

    /// The published path of a static file; its own path when the templates have no such file
    /// (so the checker reports the page's link to it as broken, as before).
    public func path(of file: String) -> String {
        published[file] ?? file
    }
}

/// The stylesheet and scripts a template links to, by their published names
/// (`{{assets.styles}}`), each from the page's way to the site root.
public final class AssetsView: TemplateView {
    let root: String
    let assets: StaticAssets

    init(root: String, assets: StaticAssets) {
        self.root = root
        self.assets = assets
    }

    public enum Key: String, CaseIterable {
        case styles, finder, finderMap

        /// The file in `templates/static/`.
        var file: String {
            switch self {
            case .styles: "styles.css"
            case .finder: "finder.js"
            case .finderMap: "finder-map.js"
            }
        }
    }

    public func value(_ key: Key) -> TemplateValue? {
        TemplateValue(root + assets.path(of: key.file))
    }
}
