import SiteModel

/// The small files a host and search engines look for at the site root.
enum SiteFiles {
    /// Every page by its absolute URL, in path order; `lastmod` is the review date where there is one.
    static func sitemap(_ site: Site) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        // What it needs of each page, sorted: sorting the pages themselves copies each one. Addresses are
        // ASCII (made from file names of lowercase letters, digits and hyphens): their bytes sort as the strings do.
        let entries = site.pages.map { ($0.path, $0.review?.reviewed) }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        // Escaping goes character by character: the base address escaped once.
        let base = escape(site.settings.paths.baseURL)
        xml.reserveCapacity(xml.utf8.count + entries.count * (base.utf8.count + 64))
        for (path, reviewed) in entries {
            xml += "  <url><loc>"
            xml += base
            xml += escape(path)
            xml += "</loc>"
            if let reviewed {
                xml += "<lastmod>"
                xml += reviewed.iso
                xml += "</lastmod>"
            }
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
