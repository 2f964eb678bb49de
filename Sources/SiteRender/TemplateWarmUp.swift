import Mustache

/// The runtime's first cast of a type to a protocol searches every conformance
/// in the program (some 6,000); swift-mustache casts each value it meets to
/// several of its protocols. One render of each kind of value the views answer,
/// in each place a template can put it, made as the templates load (on a core
/// of their own, while the content loads), leaves those answers cached for the
/// pages' renders.
enum TemplateWarmUp {
    static let template = """
        {{% CONTENT_TYPE: HTML}}{{text}}{{{text}}}{{view.text}}{{#view}}{{text}}{{flag}}{{/view}}{{^view}}{{/view}}\
        {{#flag}}{{text}}{{/flag}}{{^flag}}{{/flag}}{{#list}}{{text}}{{/list}}{{^list}}{{/list}}\
        {{#texts}}{{.}}{{/texts}}{{^texts}}{{/texts}}{{#text}}{{/text}}{{missing}}{{#missing}}{{/missing}}{{^missing}}{{/missing}}
        """

    /// What the render makes: each value where it stands (a test holds it to that).
    static func render() -> String? {
        (try? MustacheTemplate(string: template))?.render(TemplateBox(View(depth: 1)))
    }

    private final class View: TemplateView {
        let depth: Int
        init(depth: Int) { self.depth = depth }

        enum Key: String, CaseIterable { case text, flag, view, list, texts }

        func value(_ key: Key) -> TemplateValue? {
            switch key {
            case .text: return TemplateValue("<")
            case .flag: return TemplateValue(true)
            case .view: return depth > 0 ? TemplateValue(View(depth: depth - 1)) : nil
            case .list: return TemplateValue([View(depth: 0)])
            case .texts: return TemplateValue(["a"])
            }
        }
    }
}
