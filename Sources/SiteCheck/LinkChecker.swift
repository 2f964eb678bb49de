import Foundation
import SiteModel

/// Checks every internal `href`, `src` and `srcset` of every page: the file
/// must exist, a `#fragment` must name an element of the target page, and
/// every page must be reachable from the home page by following links.
public struct LinkChecker: Sendable {
    public let site: BuiltSite
    public let sources: SourceMap

    public init(site: BuiltSite, sources: SourceMap) {
        self.site = site
        self.sources = sources
    }

    /// Where an URL of a page points inside the site.
    public enum Target: Equatable {
        case external(String)
        case ignored
        case file(path: String, fragment: String?)
        case broken(String)
    }

    public func check() -> [Diagnostic] {
        let pages = site.pages.keys.sorted()
        // Pages are checked independently: use every core.
        let results = pages.concurrentMap { check(page: $0) }
        var graph: [String: Set<String>] = [:]
        for (index, path) in pages.enumerated() { graph[path] = results[index].links }
        return results.flatMap(\.findings) + orphans(graph)
    }

    /// The findings of one page, and the pages its links lead to.
    private func check(page path: String) -> (findings: [Diagnostic], links: Set<String>) {
        var findings: [Diagnostic] = []
        var links: Set<String> = []
        for (id, line) in site.pages[path]?.repeatedIDs ?? [] {
            let origin = sources.pages[path].map { " (from \($0.contentFile) or its template)" } ?? ""
            findings.append(.error(site.display(path), line, .repeatedID, "id '\(id)' is given to more than one element\(origin)"))
        }
        for reference in site.pages[path]?.references ?? [] {
            switch target(of: reference.url, from: path) {
            case .external, .ignored:
                continue
            case .broken(let reason):
                findings.append(finding(path, reference, .brokenLink, "broken link '\(reference.url)': \(reason)"))
            case .file(let file, let fragment):
                if reference.isNavigation, file.hasSuffix(".html") { links.insert(file) }
                if let fragment, file.hasSuffix(".html"), !(site.pages[file]?.ids.contains(fragment) ?? false) {
                    findings.append(finding(path, reference, .brokenAnchor, "broken anchor '\(reference.url)': \(site.display(file)) has no element with id '\(fragment)'"))
                }
            }
        }
        return (findings, links)
    }

    public func target(of url: String, from page: String) -> Target {
        let trimmed = url.trimmedSpaces
        if trimmed.isEmpty { return .broken("empty URL") }
        // An absolute URL into the site, or a root-relative one, is checked as a path below the site root.
        var local = trimmed
        var fromRoot = false
        let paths = site.paths
        if let scheme = SitePaths.scheme(of: trimmed) {
            switch scheme.lowercased() {
            case "mailto", "tel": return .ignored
            case "http", "https":
                guard let base = paths?.baseURL, trimmed.hasPrefix(base) else { return .external(trimmed) }
                local = String(trimmed.dropFirst(base.count))
                fromRoot = true
            default: return .broken("the '\(scheme):' scheme is not allowed")
            }
        } else if trimmed.hasPrefix("//") {
            return .external("https:" + trimmed)
        }
        let (pathPart, fragment) = SitePaths.split(local)
        let decodedPath = pathPart.percentDecoded
        let decodedFragment = fragment?.percentDecoded
        if decodedPath.isEmpty && !fromRoot { return .file(path: page, fragment: decodedFragment) }
        let resolved: String
        if fromRoot {
            resolved = decodedPath
        } else if decodedPath.hasPrefix("/") {
            let basePath = paths?.basePath ?? "/"
            guard decodedPath.hasPrefix(basePath) else { return .broken("outside the site's base path \(basePath)") }
            resolved = String(decodedPath.dropFirst(basePath.count))
        } else {
            guard let relative = SitePaths.resolve(decodedPath, from: page) else { return .broken("climbs above the site root") }
            resolved = relative
        }
        if let file = site.file(for: resolved) { return .file(path: file, fragment: decodedFragment) }
        if site.file(for: resolved + "/") != nil { return .broken("'\(resolved)' is a folder: end the link with '/'") }
        return .broken("no file '\(SitePaths.servedFile(for: resolved))' in the site")
    }

    /// Pages no chain of links from the home page reaches (404.html is reached
    /// by the host, a redirect page by the old links it keeps working).
    private func orphans(_ graph: [String: Set<String>]) -> [Diagnostic] {
        guard site.pages["index.html"] != nil else {
            return [.error(site.display("index.html"), 1, .orphanPage, "the site has no home page")]
        }
        // The home page and the unlisted pages are where visitors come in.
        var reached: Set<String> = sources.unlisted.union(["index.html"])
        var queue = Array(reached)
        while let page = queue.popLast() {
            for next in graph[page, default: []] where reached.insert(next).inserted { queue.append(next) }
        }
        return site.pages.keys.sorted().filter { !reached.contains($0) && $0 != "404.html" && site.pages[$0]?.redirect == nil }.map { page in
            let origin = sources.pages[page].map { " (from \($0.contentFile))" } ?? ""
            return .error(site.display(page), 1, .orphanPage, "orphan page: no chain of links from the home page reaches it\(origin)")
        }
    }

    private func finding(_ page: String, _ reference: HTMLPage.Reference, _ reason: Reason, _ message: String) -> Diagnostic {
        let origin = sources.origin(of: reference.url, in: page).map { " (from \($0))" } ?? ""
        return .error(site.display(page), reference.line, reason, message + origin)
    }
}
