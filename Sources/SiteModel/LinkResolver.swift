import Foundation

/// Resolves link destinations written in content files. Links are written
/// the way a Markdown preview understands them, relative to the file:
/// `../evidence.md#the-luPSMA-trial`, `images/scan.png`. Rendering turns the
/// resolutions into the site's clean URLs, relative to the page, so the site
/// works from any folder of any host.
public struct LinkResolver: Sendable {
    let assets: Set<String>
    /// Each Markdown file's URL path and ids, by content path: one lookup a link (a site has some 100,000).
    private let targets: [String: Target]
    /// What a link to its own section finds on a file that is not a page.
    private let noPage: Target

    private struct Target {
        let path: String
        /// Nil when any fragment is taken.
        let anchors: PageAnchors?
    }

    /// `anchors`: heading ids (and template ids) of each page, by URL path;
    /// `unknownAnchors`: pages whose ids are not known (their file did not load), where any fragment is taken.
    public init(pagePaths: [String: String], anchors: [String: PageAnchors], assets: Set<String>, unknownAnchors: Set<String> = []) {
        self.assets = assets
        func target(_ path: String) -> Target {
            Target(path: path, anchors: unknownAnchors.contains(path) ? nil : anchors[path] ?? .layoutOnly)
        }
        targets = pagePaths.mapValues(target)
        noPage = target("")
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// What `destination`, written in the content file at `sourcePath`, points to.
    public func resolve(_ destination: String, from sourcePath: String) -> LinkResolution {
        let trimmed: String, fragment: String?, located: SitePaths.Located
        // The common destination (`../evidence.md#the-trial`) is read in one pass over its bytes.
        if let plain = SitePaths.plainReference(destination, from: sourcePath) {
            (trimmed, located, fragment) = (destination, plain.located, plain.fragment)
        } else {
            trimmed = destination.trimmedSpaces
            if trimmed.isEmpty { return .problem(.empty) }
            if let scheme = SitePaths.scheme(of: trimmed) {
                return Self.allowedSchemes.contains(scheme.lowercased()) ? .external(trimmed) : .problem(.scheme(scheme))
            }
            if trimmed.hasPrefix("//") { return .problem(.protocolRelative(trimmed)) }
            let pathPart: String
            (pathPart, fragment) = SitePaths.split(trimmed)
            located = pathPart.isEmpty ? .fragmentOnly : SitePaths.resolve(pathPart.percentDecoded, from: sourcePath).map(SitePaths.Located.path) ?? .outside
        }
        let resolved: String
        switch located {
        case .fragmentOnly: return check(fragment: fragment, on: targets[sourcePath] ?? noPage, written: trimmed)
        case .outside: return .problem(.leavesContent(trimmed))
        case .path(let path): resolved = path
        }
        // A folder link means its index page.
        let target = resolved.isEmpty || resolved.hasSuffix("/") ? resolved + "index.md" : resolved
        if let page = targets[target] {
            return check(fragment: fragment, on: page, written: trimmed)
        }
        if assets.contains(target) {
            return fragment == nil ? .asset(path: target) : .problem(.fragmentOnFile(trimmed))
        }
        if target.hasSuffix(".md") {
            return .problem(.noContentFile(written: trimmed, target: target))
        }
        return .problem(.noFile(written: trimmed, target: target))
    }

    private func check(fragment: String?, on target: Target, written: String) -> LinkResolution {
        if let fragment, let anchors = target.anchors, !anchors.contains(fragment) {
            return .problem(.noAnchor(written: written, fragment: fragment))
        }
        return .page(path: target.path, fragment: fragment)
    }
}
