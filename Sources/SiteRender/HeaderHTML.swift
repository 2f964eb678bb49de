import Foundation
import SiteModel

/// The site's header with the main navigation, made by `partials/header.mustache`
/// (which includes `partials/navigation.mustache`). A page outside the
/// navigation has the same header as every other page at its depth: it is
/// rendered once for them all. A page in it is marked current, so its own is
/// rendered for it. The footer (`partials/footer.mustache`) is the same on
/// every page: rendered once for the site.
final class HeaderHTML: @unchecked Sendable {
    static let template = "header"
    static let footerTemplate = "footer"
    private let views: ViewBuilder
    private let templates: TemplateSet
    private let paths: Set<String>
    private let lock = NSLock()
    /// By the way from the page to the site root.
    private var outside: [String: String] = [:]

    init(views: ViewBuilder, templates: TemplateSet) {
        self.views = views
        self.templates = templates
        paths = Set(views.navigationPages.map(\.path))
    }

    /// Nil when the template cannot be rendered.
    func html(root: String, current: String?) -> String? {
        guard let current, paths.contains(current) else {
            if let cached = lock.withLock({ outside[root] }) { return cached }
            let html = render(root: root, current: nil)
            lock.withLock { outside[root] = html }
            return html
        }
        return render(root: root, current: current)
    }

    /// The footer; nil when its template cannot be rendered.
    func footer() -> String? {
        templates.render(FooterView(site: views.siteView), standingAlone: Self.footerTemplate)
    }

    private func render(root: String, current: String?) -> String? {
        templates.render(HeaderView(root: root, site: views.siteView, nav: views.navigation(root: root, current: current)), standingAlone: Self.template)
    }
}
