import SiteModel

/// The map of renamed pages for `hosting/nginx.conf`: one line per alias,
/// both paths as the host sees them (below the base path), so nginx answers
/// an old address with a 301 to the page.
public enum NginxRedirects {
    public static func map(_ site: Site) -> String {
        let base = site.settings.paths.basePath
        let lines = site.pages.flatMap { page in page.aliases.map { "    \(base)\($0.path) \(base)\(page.path);" } }.sorted()
        return (["map $uri $theranostics_redirect {", "    default \"\";"] + lines + ["}"]).joined(separator: "\n") + "\n"
    }
}
