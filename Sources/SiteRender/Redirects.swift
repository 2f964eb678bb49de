import SiteModel

/// The redirect pages of renamed pages: at each old address (`aliases:`) a
/// page that sends the browser on at once (`<meta http-equiv="refresh">`,
/// no script, which the CSP would refuse), names the new address as
/// canonical for search engines, and links to it for anyone whose browser
/// does not follow. Not in the sitemap: only the page itself is.
enum Redirects {
    /// `stylesheet`: the published path of `styles.css` (fingerprinted).
    static func files(for site: Site, stylesheet: String) -> [OutputFile] {
        // By index: a page is copied (each of its fields retained) only if it has an alias.
        site.pages.indices.filter { !site.pages[$0].draft && !site.pages[$0].aliases.isEmpty }.flatMap { index in
            let page = site.pages[index]
            return page.aliases.map { OutputFile(path: $0.outputFile, text: html(from: $0, to: page, site: site, stylesheet: stylesheet)) }
        }
    }

    static func html(from alias: Page.Alias, to page: Page, site: Site, stylesheet: String) -> String {
        // Links start from the alias's folder: `old/` for `old/` and for `old/page.html`.
        let folder = alias.path.hasSuffix("/") ? alias.path : String(alias.path[..<(alias.path.lastIndex(of: "/").map { alias.path.index(after: $0) } ?? alias.path.startIndex)])
        let target = escape(SitePaths.relative(page.path, from: folder))
        let canonical = escape(site.settings.paths.absoluteURL(page.path))
        let title = escape(page.title)
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="0; url=\(target)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) has moved | \(escape(site.settings.title))</title>
            <meta name="robots" content="noindex">
            <link rel="canonical" href="\(canonical)">
            <link rel="stylesheet" href="\(escape(SitePaths.relative(stylesheet, from: folder)))">
            </head>
            <body>
            <main id="main" class="wrap">
            <h1>This page has moved</h1>
            <p>It is now at <a href="\(target)">\(title)</a>. Please update your link or bookmark.</p>
            </main>
            </body>
            </html>

            """
    }

    static func escape(_ text: String) -> String {
        FastHTMLContentType().escapeText(text)
    }
}
