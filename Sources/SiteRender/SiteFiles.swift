import SiteModel

/// The small files a host and search engines look for at the site root.
enum SiteFiles {
    /// Every page by its absolute URL, in path order; `lastmod` is the review date where there is one.
    static func sitemap(_ site: Site) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in site.pages.sorted(by: { $0.path < $1.path }) {
            xml += "  <url><loc>\(escape(site.settings.paths.absoluteURL(page.path)))</loc>"
            if let review = page.review { xml += "<lastmod>\(review.reviewed.iso)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(_ site: Site) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(site.settings.paths.absoluteURL("sitemap.xml"))\n"
    }

    static func escape(_ text: String) -> String {
        // Foundation only for text with something to replace (page URLs seldom have).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
