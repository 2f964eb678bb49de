import Foundation

/// Resolves link destinations written in content files. Links are written
/// the way a Markdown preview understands them, relative to the file:
/// `../evidence.md#the-luPSMA-trial`, `images/scan.png`. The resolver turns
/// them into the site's clean URLs, relative to the page, so the site works
/// from any folder of any host.
public struct LinkResolver: Sendable {
    public enum Resolution: Equatable {
        /// http(s), mailto, tel: left as written.
        case external(String)
        /// A page of the site by its URL path, with an optional fragment.
        case page(path: String, fragment: String?)
        /// A file copied as it is, by its content path.
        case asset(path: String)
        case problem(String)
    }

    /// URL path of each Markdown file, by content path.
    let pagePaths: [String: String]
    /// Heading ids (and template ids) of each page, by URL path.
    let anchors: [String: Set<String>]
    let assets: Set<String>

    public init(pagePaths: [String: String], anchors: [String: Set<String>], assets: Set<String>) {
        self.pagePaths = pagePaths
        self.anchors = anchors
        self.assets = assets
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// What `destination`, written in the content file at `sourcePath`, points to.
    public func resolve(_ destination: String, from sourcePath: String) -> Resolution {
        let trimmed = destination.trimmedSpaces
        if trimmed.isEmpty { return .problem("empty link destination") }
        if let scheme = Self.scheme(of: trimmed) {
            return Self.allowedSchemes.contains(scheme.lowercased())
                ? .external(trimmed)
                : .problem("links with '\(scheme):' are not allowed (use http, https, mailto or tel)")
        }
        if trimmed.hasPrefix("//") { return .problem("protocol-relative link '\(trimmed)': write https://") }
        let (pathPart, fragment) = Self.split(trimmed)
        let ownPath = pagePaths[sourcePath] ?? ""
        if pathPart.isEmpty {
            return check(fragment: fragment, on: ownPath, written: trimmed)
        }
        let decoded = pathPart.percentDecoded
        guard let target = Self.normalise(decoded, relativeTo: sourcePath) else {
            return .problem("link '\(trimmed)' leaves the content folder")
        }
        if let path = pagePaths[target] {
            return check(fragment: fragment, on: path, written: trimmed)
        }
        if assets.contains(target) {
            return fragment == nil ? .asset(path: target) : .problem("link '\(trimmed)': a file has no #fragments")
        }
        if target.hasSuffix(".md") {
            return .problem("link to '\(trimmed)': there is no content file '\(target)'")
        }
        return .problem("link to '\(trimmed)': there is no file '\(target)' in the content folder (link a page by its .md file)")
    }

    /// The href a page at URL path `pagePath` writes for a resolution.
    public func href(_ resolution: Resolution, fromPage pagePath: String) -> String {
        switch resolution {
        case .external(let url):
            return url
        case .page(let path, let fragment):
            let hash = fragment.map { "#" + $0 } ?? ""
            if path == pagePath, fragment != nil { return hash }
            return Self.relative(path, from: pagePath) + hash
        case .asset(let path):
            return Self.relative(path, from: pagePath)
        case .problem:
            return ""
        }
    }

    /// `target` (a path below the site root) as seen from the folder of `pagePath`.
    public static func relative(_ target: String, from pagePath: String) -> String {
        let depth = pagePath.split(separator: "/").count
        let result = String(repeating: "../", count: depth) + target
        return result.isEmpty ? "./" : result
    }

    private func check(fragment: String?, on path: String, written: String) -> Resolution {
        if let fragment, !(anchors[path]?.contains(fragment) ?? false) {
            return .problem("link '\(written)': no heading with id '\(fragment)' on that page")
        }
        return .page(path: path, fragment: fragment)
    }

    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let candidate = destination[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return String(candidate)
    }

    static func split(_ destination: String) -> (path: String, fragment: String?) {
        let withoutQuery = destination.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let hash = destination.firstIndex(of: "#") else { return (String(withoutQuery[0]), nil) }
        let path = String(destination[..<hash]).split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let fragment = String(destination[destination.index(after: hash)...])
        return (path, fragment.isEmpty ? nil : fragment)
    }

    /// Resolves `.` and `..` against the folder of `sourcePath`; a leading
    /// `/` means the content folder. Nil when the path climbs out of it.
    static func normalise(_ path: String, relativeTo sourcePath: String) -> String? {
        var components: [Substring] = path.hasPrefix("/") ? [] : sourcePath.split(separator: "/").dropLast()
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                if components.isEmpty { return nil }
                components.removeLast()
            default: components.append(component)
            }
        }
        var joined = components.joined(separator: "/")
        // A folder link means its index page.
        if path.hasSuffix("/") || path.hasSuffix("/.") || path == "." { joined += joined.isEmpty ? "index.md" : "/index.md" }
        return joined
    }
}

extension String {
    /// Without surrounding spaces and tabs; allocation-free when there are none (the usual case).
    var trimmedSpaces: String {
        guard let first = first, let last = last, first == " " || first == "\t" || last == " " || last == "\t" else { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    /// Percent-decoded; Foundation is asked only when there is a `%`.
    var percentDecoded: String {
        contains("%") ? (removingPercentEncoding ?? self) : self
    }
}
