import Foundation
import SiteModel

/// The main navigation's HTML, made by `partials/navigation.mustache`. A page
/// outside the navigation has the same one as every other page at its depth:
/// it is rendered once for them all. A page in it is marked current, so its
/// own is rendered for it.
final class NavigationHTML: @unchecked Sendable {
    static let template = "navigation"
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

    private func render(root: String, current: String?) -> String? {
        templates.render(NavigationView(nav: views.navigation(root: root, current: current)), standingAlone: Self.template)
    }
}
