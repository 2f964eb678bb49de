import Foundation
import XCTest
@testable import SiteModel
@testable import SiteRender

/// The templates and the view models agree: every name a template looks up
/// is a key some view model provides, every key is used by some template,
/// and every id the templates or the finder script give is reserved from
/// headings.
final class TemplateContractTests: XCTestCase {
    static let viewKeys: Set<String> = Set(
        SiteView.Key.allCases.map(\.rawValue) + HeaderView.Key.allCases.map(\.rawValue) + FooterView.Key.allCases.map(\.rawValue) + NavItemView.Key.allCases.map(\.rawValue)
            + ReviewView.Key.allCases.map(\.rawValue)
            + ReferenceView.Key.allCases.map(\.rawValue) + ServiceView.Key.allCases.map(\.rawValue)
            + CentreView.Key.allCases.map(\.rawValue) + PageView.Key.allCases.map(\.rawValue)
            + MapView.Key.allCases.map(\.rawValue) + MapMarkerView.Key.allCases.map(\.rawValue)
            + MapLandmarkView.Key.allCases.map(\.rawValue) + AssetsView.Key.allCases.map(\.rawValue))

    func templates() throws -> [(name: String, text: String)] {
        try FileTree.files(in: Repository.templates).filter { $0.hasSuffix(".mustache") }.map {
            ($0, try String(contentsOf: Repository.templates.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Names looked up by variables and sections (`{{x}}`, `{{{x}}}`, `{{#x}}`, `{{^x}}`, `{{&x}}`), each part of a dotted name.
    func lookups(in text: String) -> Set<String> {
        let pattern = try? NSRegularExpression(pattern: #"\{\{\{?\s*([#^&]?)\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}?\}\}"#)
        var names: Set<String> = []
        for match in pattern?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
            guard let range = Range(match.range(at: 2), in: text) else { continue }
            for part in text[range].split(separator: ".") { names.insert(String(part)) }
        }
        return names
    }

    /// The partials an ASCII template names, scanned byte by byte, are those
    /// the expression matches line by line: in every template and in 500
    /// texts drawn from pieces of tags, spaces and line breaks.
    func testPartialsScannedAreThePartialsMatched() throws {
        var texts = try templates().map(\.text) + ["{{> a}}{{<b}}\n{{ >  c  }}", "{{>}}", "{{> a b}}", "{{{> a}}}", "{{>a}\n}"]
        var generator = SeededGenerator(seed: 20261129)
        let pieces = ["{{", "}}", "{", "}", ">", "<", "> ", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "a", "b-c", "x.y", "/", "#", "!",
                      "{{> ", "{{<", " }}", "name"]
        texts += (0..<500).map { _ in (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        var named = 0
        for text in texts where text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = text
            let scanned = bytes.withUTF8(TemplateSet.scannedPartials)
            let matched = TemplateSet.matchedPartials(in: text)
            XCTAssertEqual(scanned.map { "\($0.line) \($0.name)" }, matched.map { "\($0.line) \($0.name)" }, text.debugDescription)
            named += matched.count
        }
        XCTAssertGreaterThan(named, 100, "the texts name too few partials to tell")
    }

    /// The warm-up render parses and puts each kind of value where a template can:
    /// escaped, unescaped, dotted, in sections and inverted sections, and missing.
    func testTheWarmUpRendersEachKindOfValue() {
        XCTAssertEqual(TemplateWarmUp.render(), "&lt;<&lt;&lt;true&lt;&lt;a")
    }

    func testEveryNameATemplateUsesIsAViewKey() throws {
        for (name, text) in try templates() {
            let unknown = lookups(in: text).subtracting(Self.viewKeys)
            XCTAssertEqual(unknown, [], "\(name) looks up names no view model provides")
        }
    }

    func testEveryViewKeyIsUsedBySomeTemplate() throws {
        let used = try templates().reduce(into: Set<String>()) { $0.formUnion(lookups(in: $1.text)) }
        XCTAssertEqual(Self.viewKeys.subtracting(used), [], "view keys no template uses")
    }

    func testEveryIDOfTheTemplatesAndTheFinderIsReserved() throws {
        var ids: Set<String> = []
        let idPattern = try NSRegularExpression(pattern: #"id="([a-z][a-z0-9-]*)""#)
        for (_, text) in try templates() {
            for match in idPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { ids.insert(String(text[range])) }
            }
        }
        let script = try String(contentsOf: Repository.templates.appendingPathComponent("static/finder.js"), encoding: .utf8)
        let scriptPattern = try NSRegularExpression(pattern: #"\.id = ['"]([a-z][a-z0-9-]*)['"]"#)
        for match in scriptPattern.matches(in: script, range: NSRange(script.startIndex..., in: script)) {
            if let range = Range(match.range(at: 1), in: script) { ids.insert(String(script[range])) }
        }
        XCTAssertTrue(ids.contains("review") && ids.contains("finder-query"), "the id search found \(ids)")
        for id in ids {
            XCTAssertTrue(TemplateIDs.isReserved(id), "id '\(id)' is not in TemplateIDs")
        }
    }
}
