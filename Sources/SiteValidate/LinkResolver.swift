import Foundation
import SiteModel

/// Resolves link destinations written in content files. Links are written
/// the way a Markdown preview understands them, relative to the file:
/// `../evidence.md#the-luPSMA-trial`, `images/scan.png`. Rendering turns the
/// resolutions into the site's clean URLs, relative to the page, so the site
/// works from any folder of any host.
public struct LinkResolver: Sendable {
    /// URL path of each Markdown file, by content path.
    let pagePaths: [String: String]
    /// Heading ids (and template ids) of each page, by URL path.
    let anchors: [String: Set<String>]
    let assets: Set<String>
    /// Pages whose ids are not known (their file did not load): any fragment is taken.
    let unknownAnchors: Set<String>

    public init(pagePaths: [String: String], anchors: [String: Set<String>], assets: Set<String>, unknownAnchors: Set<String> = []) {
        self.pagePaths = pagePaths
        self.anchors = anchors
        self.assets = assets
        self.unknownAnchors = unknownAnchors
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// What `destination`, written in the content file at `sourcePath`, points to.
    public func resolve(_ destination: String, from sourcePath: String) -> LinkResolution {
        let trimmed = destination.trimmedSpaces
        if trimmed.isEmpty { return .problem(.empty) }
        if let scheme = SitePaths.scheme(of: trimmed) {
            return Self.allowedSchemes.contains(scheme.lowercased()) ? .external(trimmed) : .problem(.scheme(scheme))
        }
        if trimmed.hasPrefix("//") { return .problem(.protocolRelative(trimmed)) }
        let (pathPart, fragment) = SitePaths.split(trimmed)
        let ownPath = pagePaths[sourcePath] ?? ""
        if pathPart.isEmpty {
            return check(fragment: fragment, on: ownPath, written: trimmed)
        }
        let decoded = pathPart.percentDecoded
        guard let resolved = SitePaths.resolve(decoded, from: sourcePath) else {
            return .problem(.leavesContent(trimmed))
        }
        // A folder link means its index page.
        let target = resolved.isEmpty || resolved.hasSuffix("/") ? resolved + "index.md" : resolved
        if let path = pagePaths[target] {
            return check(fragment: fragment, on: path, written: trimmed)
        }
        if assets.contains(target) {
            return fragment == nil ? .asset(path: target) : .problem(.fragmentOnFile(trimmed))
        }
        if target.hasSuffix(".md") {
            return .problem(.noContentFile(written: trimmed, target: target))
        }
        return .problem(.noFile(written: trimmed, target: target))
    }

    private func check(fragment: String?, on path: String, written: String) -> LinkResolution {
        if let fragment, !unknownAnchors.contains(path), !(anchors[path]?.contains(fragment) ?? false) {
            return .problem(.noAnchor(written: written, fragment: fragment))
        }
        return .page(path: path, fragment: fragment)
    }
}
