import SiteModel

/// Which content file made each output page, and on which line each of its
/// links was written, so a finding in `public/` points back to what an
/// editor can fix.
public struct SourceMap: Sendable {
    public struct Entry: Sendable {
        public let contentFile: String
        /// Line of each href as written in the page, where it came from Markdown.
        public let linkLines: [String: Int]
    }

    public var pages: [String: Entry] = [:]
    /// Output files of pages reached from outside the site (`unlisted: true`): never orphans.
    public var unlisted: Set<String> = []

    public init() {}

    public init(site: Site) {
        for page in site.pages {
            var lines: [String: Int] = [:]
            for link in page.source.outline.links {
                let href = site.href(of: link.destination, on: page)
                if lines[href] == nil { lines[href] = link.line }
            }
            pages[page.outputFile] = Entry(contentFile: page.source.displayPath, linkLines: lines)
            if page.unlisted { unlisted.insert(page.outputFile) }
            for alias in page.aliases where !page.draft {
                pages[alias.outputFile] = Entry(contentFile: page.source.displayPath, linkLines: [:])
            }
        }
    }

    /// `content/x.md:12` for a link of an output page, `content/x.md` when the
    /// link came from a template, nil when the page has no content file.
    public func origin(of url: String, in outputFile: String) -> String? {
        guard let entry = pages[outputFile] else { return nil }
        if let line = entry.linkLines[url] { return "\(entry.contentFile):\(line)" }
        return "\(entry.contentFile) (a link of its template)"
    }
}
