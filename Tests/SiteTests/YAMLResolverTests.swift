import Foundation
import XCTest
import Yams
@testable import SiteLoad
import SiteModel

/// Front matter is composed with a resolver of no rules (`FrontMatter.textResolver`),
/// and again with YAML's own where the two could differ: what it composes must be
/// what YAML's own resolver composes, as far as the site reads it.
final class YAMLResolverTests: XCTestCase {
    /// A node as the site reads it: its shape, each scalar's text and style, each node's mark.
    private func reading(_ node: Node) -> String {
        func mark(_ mark: Mark?) -> String { mark.map { "@\($0.line):\($0.column)" } ?? "@-" }
        switch node {
        case .scalar(let scalar):
            return "\(scalar.string.debugDescription) \(scalar.style)\(mark(scalar.mark))"
        case .sequence(let sequence):
            return "[\(sequence.style)\(mark(sequence.mark)) " + sequence.map(reading).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "{\(mapping.style)\(mark(mapping.mark)) " + mapping.map { reading($0.key) + ": " + reading($0.value) }.joined(separator: ", ") + "}"
        case .alias(let alias):
            return "*\(alias.anchor)\(mark(alias.mark))"
        }
    }

    private func outcome(_ compose: () throws -> Node?) -> String {
        do {
            return try compose().map(reading) ?? "no node"
        } catch {
            return "error: \(error)"
        }
    }

    private func assertComposedAsYAMLDoes(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = outcome { try Yams.compose(yaml: yaml, .default, .default, .utf8) }
        XCTAssertEqual(outcome { try FrontMatter.compose(yaml) }, expected, yaml, file: file, line: line)
    }

    func testEveryContentFilesFrontMatterComposesAsWithYAMLsResolver() throws {
        let paths = try FileTree.files(in: Repository.content).filter { $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }
        var count = 0
        for path in paths {
            let text = try String(contentsOf: Repository.content.appendingPathComponent(path), encoding: .utf8)
            let yaml: String
            if path.hasSuffix(".md") {
                let parts = text.components(separatedBy: "---\n")
                guard parts.count >= 3 else { continue }
                yaml = parts[1]
            } else {
                yaml = text
            }
            assertComposedAsYAMLDoes(yaml)
            count += 1
        }
        XCTAssertEqual(count, paths.count, "a content file without front matter")
        XCTAssertTrue(paths.contains { $0.hasPrefix("centres/") }, "centres' nested fields")
    }

    /// Values of every kind YAML's resolver tells apart, nested fields, and the
    /// cases where the two resolvers could compose otherwise: keys of the same
    /// text (one quoted, one tagged), aliases, keys that are not scalars, errors.
    func testOddYAMLComposesAsWithYAMLsResolver() {
        let cases = [
            "a: 1\nb: true\nc: null\nd: ~\ne: 2026-11-20\nf: 1.5\ng: <<\nh: =\ni: 0x1F\nj: .inf\nk: yes\n",
            "address:\n  - One\n  - \"Two\"\n  - 'Three'\ncoordinates:\n  latitude: 52.5\n  longitude: -1.8\n  approximate: true\nservices: []\n",
            "true: a\n\"true\": b\n",
            "1: a\n!!int 1: b\n",
            "null: 1\n~: 2\n",
            "\"a\": 1\na: 2\n",
            "a: 1\na: 1\n",
            "m:\n  x: 1\n  x: 2\n",
            "m:\n  1: a\n  !!int 1: b\n",
            "list:\n  - x: 1\n    x: 2\n",
            "k: &x v\nj: *x\n",
            "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",
            "? [a, b]\n: c\n",
            "title: a: b\n",
            "a: [1, 2\n",
            "x: |\n  block\n  text\n",
            "",
            "# only a comment\n",
            "- a\n- b\n",
            "plain\n",
            "tabs:\tvalue\n",
            "allow: {claim: \"a reason\", figure-without-evidence: another}\n",
        ]
        for yaml in cases { assertComposedAsYAMLDoes(yaml) }
    }

    /// The fast path's nodes carry the same resolver, to which every untagged value is text
    /// (YAML's own would make `2026` a number and `true` a boolean): a build never compiles
    /// YAML's expressions for front matter.
    func testPlainFieldsCarryTheTextResolver() throws {
        let fields = try XCTUnwrap(PlainFields.read(["title: Hello", "year: 2026", "draft: true", "quoted: \"a\""], firstLine: 2))
        XCTAssertEqual(fields.map(\.key), ["title", "year", "draft", "quoted"])
        XCTAssertEqual(fields.map(\.value.tag), [Tag(.str), Tag(.str), Tag(.str), Tag(.str)])
        XCTAssertEqual(Node("2026", Tag(.implicit)).tag, Tag(.int))
    }
}
