import XCTest
import Yams
@testable import SiteLoad

/// The front-matter fast path must read every field exactly as Yams does, and
/// leave to Yams everything it cannot be sure of.
final class PlainFieldsTests: XCTestCase {
    /// Fields as Yams reads them in a build (`FrontMatter.compose`, whose nodes
    /// `YAMLResolverTests` compares with those of YAML's own resolver): key, text,
    /// resolved tag and style.
    private func yams(_ yaml: String) throws -> [[String]] {
        guard let mapping = try FrontMatter.compose(yaml)?.mapping else { return [] }
        return mapping.map { key, value in [key.scalar?.string ?? "?", value.scalar?.string ?? "?", value.tag.description, "\(value.scalar?.style ?? .any)"] }
    }

    private func fast(_ yaml: String) -> [[String]]? {
        PlainFields.read(yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), firstLine: 2)?.map {
            [$0.key, $0.value.scalar?.string ?? "?", $0.value.tag.description, "\($0.value.scalar?.style ?? .any)"]
        }
    }

    func testPlainValuesReadAsYamsReadsThem() throws {
        let values = ["Hello", "2026-11-20", "true", "yes", "No", "0x33", "1e3", "12", "null", "foo:bar", "a#b", "100%",
                      "50 per cent", "Caf\u{E9} \u{2014} \u{1F600}", "a\u{A0}b", "two  spaces", "x, y", "(01753) 418 444", "+44 1753 418444",
                      "https://example.org/a?b=c#d", "3.14", ".5", "=", "<<", "a-b", "On", "off", "NaN", ".inf", "1_000"]
        for value in values {
            let yaml = "kind: page\ntitle: \(value)\n"
            XCTAssertEqual(try yams(yaml), fast(yaml), "value \(value)")
        }
        // Quoted values without escapes: always strings, spaces inside kept.
        let quoted = ["\"Scans, page 2\"", "'yes'", "\"2026-11-20\"", "' spaced '", "\"a: b # c\"", "'\"'", "\"'\"", "\"\"", "''",
                      "\"Caf\u{E9} \u{2014}\"", "'12'", "\"null\"", "\"[x]\""]
        for value in quoted {
            let yaml = "kind: page\ntitle: \(value)\n"
            XCTAssertEqual(try yams(yaml), fast(yaml), "value \(value)")
            XCTAssertNotNil(fast(yaml), "value \(value)")
        }
        // Values that stop with spaces, and blank lines between fields.
        let spaced = "kind: page   \n\ntitle:   Spaced out  \n"
        XCTAssertEqual(try yams(spaced), fast(spaced))
    }

    func testAnythingUnusualIsLeftToYams() {
        let shapes = ["title: a: b", "title: x #y", "title:", "title:  ", "- item", "  indented: x",
                      "title : x", "title: [x]", "title: {a: b}", "title: |", "title: >", "title: &a x", "title: *a", "title: !tag x",
                      "title: @x", "title: `x`", "title: %x", "title: a\tb", "title: ends:", "# comment", "title: x\ntitle: y",
                      "title: a\u{2028}b", "title: \u{FEFF}x", "title: a\u{85}b", "title: ?x", "title: ,x", "title: x\n  more",
                      "9key: x", "_key: x", "title: \\x", "title: -", "title: ~", "title: \"a\\\"b\"", "title: \"a\\nb\"",
                      "title: 'it''s'", "title: \"a\" # c", "title: \"a\"b\"", "title: \"a\tb\"", "title: \"x", "title: 'x", "title: \"", "title: \"a\u{2028}\""]
        for shape in shapes {
            XCTAssertNil(fast(shape), "shape \(shape.debugDescription)")
        }
        // A repeated key among a few fields and among many (compared in turn, hashed).
        for count in [3, 16, 17, 40] {
            let fields = (1...count).map { "field\($0): value \($0)" }
            XCTAssertEqual(fast(fields.joined(separator: "\n"))?.count, count)
            for repeated in [fields[0], fields[count - 1]] {
                XCTAssertNil(fast((fields + [repeated.replacingOccurrences(of: "value", with: "other")]).joined(separator: "\n")), "\(count) fields")
            }
        }
    }

    func testEveryContentFileReadsTheSameEitherWay() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../content").standardized
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: content.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThan(files.count, 20)
        var fast: [String] = []
        for file in files {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            let parts = text.components(separatedBy: "---\n")
            let yaml = parts[1]
            if let fields = self.fast(yaml) {
                fast.append(file)
                XCTAssertEqual(try yams(yaml), fields, file)
            }
        }
        // Flat pages take the fast path; centres (lists, coordinates) take Yams'.
        XCTAssertTrue(fast.contains("evidence.md"), "\(fast)")
        XCTAssertFalse(fast.contains("centres/birmingham.md"))
    }
}
