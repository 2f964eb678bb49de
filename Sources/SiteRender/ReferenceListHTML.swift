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

    /// The list standing alone (`TemplateSet.render(_:standingAlone:)`); `""` for no
    /// reference; nil when the partial cannot be rendered.
    func html(_ references: [Reference]) -> String? {
        guard !references.isEmpty else { return "" }
        let keys = references.map(\.key)
        if let cached = lock.withLock({ made[keys] }) { return cached }
        guard let list = templates.render(ReferencesView(references: ReferenceView.numbered(references)), standingAlone: Self.template) else {
            return nil
        }
        lock.withLock { made[keys] = list }
        return list
    }
}
