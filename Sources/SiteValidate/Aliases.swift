import SiteLoad
import SiteModel

/// `aliases:`, the old addresses of a renamed page. Each gets a small page
/// that sends visitors and search engines on to the page's new address, so
/// links and bookmarks survive the rename. An alias must be a path a static
/// host can serve a page at, and free: no page, file or other alias has it.
extension ContentValidator {
    func readAliases(_ reader: FieldReader, settings: SiteSettings?) -> [Page.Alias] {
        guard let items = reader.stringItems("aliases", required: false, allowEmpty: true) else { return [] }
        return items.compactMap { item in
            switch SitePaths.aliasPath(item.text, basePath: settings?.paths.basePath ?? "/") {
            case .path(let path):
                return Page.Alias(path: path, line: item.line)
            case .problem(let problem):
                reader.error(line: item.line, .badAlias, "alias '\(item.text)' \(problem)")
                return nil
            }
        }
    }

    /// An alias that is the address of a content page (drafts and unreadable
    /// files too), a published file or the 404 page, or of another alias,
    /// would replace it: an error on the alias's line that names the other file.
    /// Compared without case, since some file systems do not tell `Old/` from `old/`.
    func aliasClashes(in pages: [Page], pageFiles: [(relativePath: String, displayPath: String)],
                      assets: [String: String]) -> [Diagnostic] {
        // Only the addresses some alias has are looked up: most sites have few aliases and thousands of pages.
        let keys = Set(pages.lazy.filter { !$0.draft }.flatMap { $0.aliases.map { $0.outputFile.lowercased() } })
        guard !keys.isEmpty else { return [] }
        var taken: [String: String] = ["404.html": "the address of the site's 404 page"]
        for (path, shown) in assets where keys.contains(path.lowercased()) { taken[path.lowercased()] = "the address of the file \(shown)" }
        for file in pageFiles {
            let key = SitePaths.servedFile(for: SitePaths.urlPath(forContentFile: file.relativePath)).lowercased()
            if keys.contains(key) { taken[key] = "the address of the page \(file.displayPath)" }
        }
        var diagnostics: [Diagnostic] = []
        var aliases: [String: (file: String, line: Int)] = [:]
        for page in pages where !page.draft {
            for alias in page.aliases {
                let key = alias.outputFile.lowercased()
                if let what = taken[key] {
                    diagnostics.append(.error(page.source.displayPath, alias.line, .aliasClash,
                                              "alias '\(alias.path)' is \(what): a redirect page would replace it (remove the alias)"))
                } else if let other = aliases[key] {
                    let which = other.file == page.source.displayPath ? "listed already on line \(other.line)" : "also an alias of \(other.file):\(other.line)"
                    diagnostics.append(.error(page.source.displayPath, alias.line, .aliasClash,
                                              "alias '\(alias.path)' is \(which): an old address can lead to one page only"))
                } else {
                    aliases[key] = (page.source.displayPath, alias.line)
                }
            }
        }
        return diagnostics
    }
}
