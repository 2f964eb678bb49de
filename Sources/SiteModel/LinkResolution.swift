/// What a link written in a content file points to.
public enum LinkResolution: Equatable, Sendable {
    /// http(s), mailto, tel: left as written.
    case external(String)
    /// A page of the site by its URL path, with an optional fragment.
    case page(path: String, fragment: String?)
    /// A file copied as it is, by its content path.
    case asset(path: String)
    case problem(LinkProblem)

    /// The href a page at URL path `pagePath` writes for it.
    public func href(fromPage pagePath: String) -> String {
        switch self {
        case .external(let url):
            return url
        case .page(let path, let fragment):
            if path == pagePath, let fragment { return "#" + fragment }
            return SitePaths.relative(path, from: pagePath, fragment: fragment)
        case .asset(let path):
            return SitePaths.relative(path, from: pagePath)
        case .problem:
            return ""
        }
    }
}

/// Why a link cannot be made, with the link as written.
public enum LinkProblem: Equatable, Sendable {
    case empty
    case scheme(String)
    case protocolRelative(String)
    case leavesContent(String)
    case fragmentOnFile(String)
    case noContentFile(written: String, target: String)
    case noFile(written: String, target: String)
    case noAnchor(written: String, fragment: String)

    public var reason: Reason {
        switch self {
        case .scheme, .protocolRelative: return .forbiddenLink
        case .noAnchor: return .brokenAnchor
        default: return .brokenLink
        }
    }

    public var message: String {
        // A link as written may be megabytes long: messages quote its start.
        func short(_ text: String) -> String { text.count > 100 ? text.prefix(100) + "…" : text }
        switch self {
        case .empty: return "empty link destination"
        case .scheme(let scheme): return "links with '\(short(scheme)):' are not allowed (use http, https, mailto or tel)"
        case .protocolRelative(let written): return "protocol-relative link '\(short(written))': write https://"
        case .leavesContent(let written): return "link '\(short(written))' leaves the content folder"
        case .fragmentOnFile(let written): return "link '\(short(written))': a file has no #fragments"
        case .noContentFile(let written, let target): return "link to '\(short(written))': there is no content file '\(short(target))'"
        case .noFile(let written, let target):
            return "link to '\(short(written))': there is no file '\(short(target))' in the content folder (link a page by its .md file)"
        case .noAnchor(let written, let fragment): return "link '\(short(written))': no heading with id '\(short(fragment))' on that page"
        }
    }
}
