import Foundation
import XCTest
import SiteModel
@testable import SiteRender

/// A page's template filled in from the skeleton of an earlier page of the same
/// shape (`TemplateSkeleton`) is what the library renders for the page itself.
final class TemplateSkeletonTests: XCTestCase {
    /// Texts of every kind that bears on the output: empty, line breaks alone, at the end and
    /// inside, carriage returns, characters to escape (ASCII, beside letters beyond it, and
    /// one joined by a mark after it, which the library's own escaping leaves as it is),
    /// a mark that joins what comes before it, a NUL.
    static let texts = ["plain", "", "\n", "ends\n", "ends\r\n", "cr\r", "<&\"'>", "é<b>", "é", "two\nlines\n", "\u{301}x",
                        "a\u{0}b", "\r", " ", "{{a}}",
                        "a<\u{338}b"]

    /// Templates that use the names in each way the library can: escaped and not, sections
    /// on flags, texts, views and lists (their positions too), lookups up the context,
    /// dotted names, `{{.}}`, partials indented, parents and blocks, transforms, the text
    /// content type and the library's own escaping (no pragma). (A partial named by a
    /// value, `{{>*name}}`, is refused as the templates load.)
    static let templates: [(name: String, text: String, partials: [String: String])] = [
        ("escaping", "{{% CONTENT_TYPE: HTML}}[{{a}}|{{{a}}}|{{&b}}|{{c}}]", [:]),
        ("flags", "{{% CONTENT_TYPE: HTML}}{{#flag}}yes {{a}}{{/flag}}{{^flag}}no {{b}}{{/flag}}{{flag}}", [:]),
        ("lists", "{{% CONTENT_TYPE: HTML}}<ul>\n{{#items}}\n<li>{{a}}{{#first}} first{{/first}}{{#last}} last{{/last}} {{index}} {{b}}</li>\n{{/items}}\n{{^items}}none {{c}}\n{{/items}}</ul>\n", [:]),
        ("up", "{{% CONTENT_TYPE: HTML}}{{#child}}{{a}} {{b}} {{c}} {{#child}}{{a}}{{/child}}{{/child}}{{^child}}no child{{/child}}", [:]),
        ("dotted", "{{% CONTENT_TYPE: HTML}}{{child.a}} {{child.missing}} {{missing}} {{child.child.b}} {{.}} {{child}} {{.a}}", [:]),
        ("indented", "{{% CONTENT_TYPE: HTML}}x\n  {{>p}}\nend {{a}}\n", ["p": "{{% CONTENT_TYPE: HTML}}{{a}}\n{{b}}\n  {{{c}}}\n{{#items}}\n  {{a}}\n{{/items}}\n"]),
        ("nested", "{{% CONTENT_TYPE: HTML}}<div>\n    {{>q}}\n</div>\n", ["q": "{{% CONTENT_TYPE: HTML}}{{{a}}}{{{b}}}\n  {{>r}}\n", "r": "{{% CONTENT_TYPE: HTML}}{{c}}\n{{a}}\n"]),
        ("parent", "{{% CONTENT_TYPE: HTML}}{{<frame}}{{$main}}{{a}}\n{{b}}{{/main}}{{/frame}}", ["frame": "{{% CONTENT_TYPE: HTML}}<main>\n  {{$main}}{{/main}}\n  {{c}}\n</main>\n"]),
        ("transforms", "{{% CONTENT_TYPE: HTML}}{{count(items)}} {{#first(items)}}{{a}}{{/first(items)}} {{#reversed(items)}}{{a}}{{/reversed(items)}} {{uppercased(a)}}{{#empty(items)}}E{{/empty(items)}}{{^empty(tags)}}T{{/empty(tags)}}", [:]),
        ("texts", "{{% CONTENT_TYPE: HTML}}{{#tags}}[{{.}}|{{{.}}}]{{/tags}}{{^tags}}no tags{{/tags}}{{#a}}({{.}}){{b}}{{/a}}", [:]),
        ("text", "{{% CONTENT_TYPE: TEXT}}{{a}} {{{b}}} {{#items}}{{c}}{{/items}}", [:]),
        ("library", "{{a}} {{{b}}} {{#child}}{{c}}{{/child}}\n", [:]),
    ]

    /// Every template, each view rendered in turn through the skeletons the ones before left,
    /// is what the library makes of that view; and a view of a shape seen before makes none.
    func testEveryPageIsAsTheLibraryRendersIt() throws {
        let set = try Self.templateSet()
        let views = Self.views()
        for (name, _, _) in Self.templates {
            let template = TemplateName(rawValue: name)
            for (index, view) in views.enumerated() {
                let expected = set.library.render(TemplateBox(view), withTemplate: name)
                let made = try XCTUnwrap(set.output(view, template: template), "\(name), view \(index)")
                XCTAssertEqual(made.text, expected, "\(name), view \(index)")
                // The same view again: its shape's skeleton is there, and fills in as the library renders.
                let shapes = set.skeletons.of(name).count
                XCTAssertEqual(set.output(view, template: template)?.text, expected, "\(name), view \(index) again")
                XCTAssertEqual(set.skeletons.of(name).count, shapes, "\(name), view \(index) again made a skeleton")
            }
        }
    }

    /// Pages that differ only in their texts' characters share one skeleton, and fill it
    /// (not the library): filled from a skeleton, a page's output is bytes.
    func testPagesOfOneShapeShareOneSkeleton() throws {
        let set = try Self.templateSet()
        for (name, _, _) in Self.templates {
            for word in ["one", "two <&>", "Three words here", "{{b}}"] {
                let view = ShapeView(texts: ["a": word, "b": word + "!", "c": "x"], flag: true,
                                items: [ShapeView(texts: ["a": word], flag: false, items: [], tags: [])], tags: ["t", word])
                let made = try XCTUnwrap(set.output(view, template: TemplateName(rawValue: name)))
                XCTAssertEqual(made.text, set.library.render(TemplateBox(view), withTemplate: name), name)
                guard case .bytes = made else { return XCTFail("\(name): \(word) rendered by the library, not from a skeleton") }
            }
            XCTAssertEqual(set.skeletons.of(name).count, 1, name)
        }
    }

    /// Only stand-ins of the trace's texts, whole, make a skeleton: any other NUL in the output makes none.
    func testOnlyWholeStandInsMakeASkeleton() throws {
        let trace = TemplateTrace(root: ObjectIdentifier(ShapeView.self), entries: [], lineEnds: [false, false], nodes: 1)
        let good = ["\u{0}<0>\u{0}", "a\u{0}&lt;1&gt;\u{0}b", "\u{0}<1>\u{0}\n\u{0}<0>\u{0}", "no stand-in"]
        for output in good { XCTAssertNotNil(TemplateSkeleton(output, trace: trace), output.debugDescription) }
        let bad = ["\u{0}<>\u{0}", "\u{0}<2>\u{0}", "\u{0}<0\u{0}", "\u{0}<0>", "\u{0}", "\u{0}&lt;0>\u{0}", "\u{0}<0&gt;\u{0}",
                   "\u{0}<1234567890>\u{0}", "x\u{0}y"]
        for output in bad { XCTAssertNil(TemplateSkeleton(output, trace: trace), output.debugDescription) }
        let filled = try XCTUnwrap(TemplateSkeleton("[\u{0}<1>\u{0}|\u{0}&lt;0&gt;\u{0}|\u{0}<1>\u{0}]", trace: trace)).filled(with: ["<a>", "b&c"])
        XCTAssertEqual(filled.map { String(decoding: $0, as: UTF8.self) }, "[b&c|&lt;a&gt;|b&c]")
    }

    /// A view's box shows what it showed before boxes held probes, whether probed or not.
    func testABoxShowsItsViewAlone() {
        let view = ShapeView(texts: [:], flag: false, items: [], tags: [])
        XCTAssertEqual(String(describing: TemplateBox(view)), "TemplateBox(view: SiteTests.ShapeView)")
        XCTAssertEqual(String(describing: TemplateProbe(view).root), String(describing: TemplateBox(view)))
    }

    /// A template whose own text holds a NUL never makes a skeleton: its NUL could read as a stand-in.
    func testATemplateHoldingANULMakesNoSkeleton() throws {
        let set = try Self.templateSet(extra: [("nul", "{{% CONTENT_TYPE: HTML}}\u{0}<0>\u{0}{{a}}", [:])])
        let view = ShapeView(texts: ["a": "A"], flag: false, items: [], tags: [])
        XCTAssertEqual(set.output(view, template: TemplateName(rawValue: "nul"))?.text, "\u{0}<0>\u{0}A")
        XCTAssertTrue(set.skeletons.of("nul").isEmpty)
    }

    /// Past the limit of shapes a template keeps, pages of new shapes are rendered by the library, as it renders them.
    func testPastTheLimitPagesAreRenderedWhole() throws {
        let set = try Self.templateSet()
        for count in 0..<(TemplateSkeletons.limit + 3) {
            let view = ShapeView(texts: ["a": "A"], flag: false, items: (0..<count).map { _ in ShapeView(texts: ["a": "i"], flag: false, items: [], tags: []) }, tags: [])
            XCTAssertEqual(set.output(view, template: TemplateName(rawValue: "lists"))?.text, set.library.render(TemplateBox(view), withTemplate: "lists"))
        }
        XCTAssertEqual(set.skeletons.of("lists").count, TemplateSkeletons.limit)
    }

    /// Views of every shape: each text in each name, flags both ways, lists of none, one and
    /// two, children present and not, texts lists empty and full.
    static func views() -> [ShapeView] {
        var views: [ShapeView] = []
        for text in texts {
            let child = ShapeView(texts: ["a": text, "c": "child's"], flag: true, items: [], tags: [text],
                             child: ShapeView(texts: ["b": text], flag: false, items: [], tags: []))
            views.append(ShapeView(texts: ["a": text, "b": "b", "c": text], flag: true,
                              items: [ShapeView(texts: ["a": text], flag: false, items: [], tags: [])], tags: [text, "t"], child: child))
            views.append(ShapeView(texts: ["a": "a", "b": text], flag: false, items: [], tags: []))
            // A child of another class, answering the same names: `{{.}}` shows its class.
            views.append(ShapeView(texts: ["a": text], flag: true, items: [], tags: [], child: OtherView(text)))
            views.append(ShapeView(texts: ["b": text, "c": text], flag: true,
                              items: [ShapeView(texts: ["a": "1"], flag: true, items: [], tags: []), ShapeView(texts: ["a": text, "b": "own"], flag: false, items: [], tags: [])],
                              tags: [""], child: ShapeView(texts: [:], flag: false, items: [], tags: [])))
        }
        return views
    }

    static func templateSet(extra: [(name: String, text: String, partials: [String: String])] = []) throws -> TemplateSet {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skeleton-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        for (name, text, partials) in templates + extra {
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).mustache"))
            for (partial, text) in partials { try Data(text.utf8).write(to: folder.appendingPathComponent("partials/\(partial).mustache")) }
        }
        let (set, diagnostics) = TemplateSet.load(directory: folder, displayRoot: "templates")
        XCTAssertEqual(diagnostics.map(\.message), [])
        return try XCTUnwrap(set)
    }
}

/// A view answering each kind of value under its names (`missing` never).
final class ShapeView: TemplateView {
    let texts: [String: String]
    let flag: Bool
    let items: [ShapeView]
    let tags: [String]
    let child: (any TemplateView)?

    init(texts: [String: String], flag: Bool, items: [ShapeView], tags: [String], child: (any TemplateView)? = nil) {
        (self.texts, self.flag, self.items, self.tags, self.child) = (texts, flag, items, tags, child)
    }

    enum Key: String, CaseIterable { case a, b, c, flag, items, tags, child, missing }

    func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .a, .b, .c: TemplateValue(texts[key.rawValue])
        case .flag: TemplateValue(flag)
        case .items: TemplateValue(items)
        case .tags: TemplateValue(tags)
        case .child: child.map { .view(TemplateBox($0, probe: nil)) }
        case .missing: nil
        }
    }
}

/// A view of another class under the same names.
final class OtherView: TemplateView {
    let text: String
    init(_ text: String) { self.text = text }
    enum Key: String, CaseIterable { case a, b, c }
    func value(_ key: Key) -> TemplateValue? { TemplateValue(key == .a ? text : "other's") }
}
