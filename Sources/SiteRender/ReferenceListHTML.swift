import Foundation
import SiteModel

/// A page's numbered reference list, made by `partials/references.mustache`
/// and standing in page templates as `{{{referenceList}}}`. Pages that cite
/// the same references in the same order have the same list: it is rendered
/// once for them all (the list's lookups were half of a cited page's).
final class ReferenceListHTML: @unchecked Sendable {
    static let template = "references"
    private let templates: TemplateSet
    private let lock = NSLock()
    /// By the cited keys, in their order on the page.
    private var made: [[String]: String] = [:]

    init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The list without the line break that ends it (the template's line that
    /// names it has its own); `""` for no reference; nil when the partial
    /// cannot be rendered.
    func html(_ references: [Reference]) -> String? {
        guard !references.isEmpty else { return "" }
        let keys = references.map(\.key)
        if let cached = lock.withLock({ made[keys] }) { return cached }
        let view = ReferencesView(references: references.enumerated().map { ReferenceView(number: $0.offset + 1, reference: $0.element) })
        guard let html = templates.library.render(TemplateBox(view), withTemplate: Self.template) else { return nil }
        let list = html.hasSuffix("\n") ? String(html.dropLast()) : html
        lock.withLock { made[keys] = list }
        return list
    }
}
