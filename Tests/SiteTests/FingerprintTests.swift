import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender

/// The stylesheet and scripts are published under names carrying a hash of
/// their bytes, and every page (redirect pages and the 404 page included)
/// names them so; the other static files keep their names.
final class FingerprintTests: XCTestCase {
    /// `href` and `src` values ending in `.css` or `.js`.
    func assetLinks(in html: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="([^"]+\.(?:css|js))""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    /// The published name of a static file in the built folder: `styles.<8 hex>.css`.
    func published(_ name: String, in folder: URL) throws -> [String] {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        let pattern = try NSRegularExpression(pattern: "^\(NSRegularExpression.escapedPattern(for: base))\\.[0-9a-f]{8}\\.\(ext)$")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            pattern.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil
        }
    }

    func testStylesheetAndScriptsAreNamedByTheHashOfTheirBytes() throws {
        let workspace = try Workspace()
        _ = try workspace.build()
        for name in ["styles.css", "finder.js", "finder-map.js"] {
            let names = try published(name, in: workspace.output)
            XCTAssertEqual(names.count, 1, "\(name) published as \(names)")
            let source = try Data(contentsOf: Repository.templates.appendingPathComponent("static/" + name))
            XCTAssertEqual(names.first, StaticAssets.fingerprinted(name, data: source))
            XCTAssertEqual(try Data(contentsOf: workspace.output.appendingPathComponent(names[0])), source)
            XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent(name).path), name)
        }
        for name in ["postcode-areas.json", "centres.schema.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent(name).path), name)
        }
        XCTAssertEqual(StaticAssets.fingerprinted("css/site.css", data: Data("a".utf8)), "css/site.af63dc4c.css")
    }

    func testEveryPageNamesExistingAssetsOnly() throws {
        let workspace = try Workspace()
        _ = try workspace.build()
        let basePath = "/theranostics/"
        var linked: Set<String> = []
        for path in try FileTree.files(in: workspace.output) where path.hasSuffix(".html") {
            let html = try workspace.read(path)
            XCTAssertFalse(html.contains("styles.css") || html.contains("finder.js"), "\(path) names an unfingerprinted file")
            let links = try assetLinks(in: html)
            XCTAssertFalse(links.isEmpty, "\(path) links no stylesheet")
            for link in links {
                // Relative to the page, or from the host's root (the 404 page).
                let target = link.hasPrefix("/") ? String(link.dropFirst(basePath.count))
                    : URL(fileURLWithPath: "/" + path).deletingLastPathComponent().appendingPathComponent(link).standardized.path.dropFirst()
                    .description
                XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent(target).path), "\(path): \(link)")
                linked.insert(target)
            }
        }
        XCTAssertTrue(try workspace.read("404.html").contains(#"href="\#(basePath)styles."#), "the 404 page links from the root")
        XCTAssertTrue(try workspace.read("oxford/index.html").contains(#"href="../styles."#), "the redirect page has the stylesheet")
        XCTAssertEqual(linked.count, 3, "the stylesheet and both scripts: \(linked)")
    }

    func testChangingTheStylesheetChangesItsNameAndThePagesFollow() throws {
        let workspace = try Workspace()
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        _ = try workspace.build(templates: templates)
        let before = try published("styles.css", in: workspace.output)
        let script = try published("finder.js", in: workspace.output)

        let stylesheet = templates.appendingPathComponent("static/styles.css")
        try (Data(contentsOf: stylesheet) + Data("\n.changed { color: red; }\n".utf8)).write(to: stylesheet)
        _ = try workspace.build(templates: templates)
        let after = try published("styles.css", in: workspace.output)
        XCTAssertEqual(after.count, 1)
        XCTAssertNotEqual(after, before)
        XCTAssertEqual(try published("finder.js", in: workspace.output), script, "an unchanged script keeps its name")
        XCTAssertTrue(try workspace.read("about/index.html").contains(#"href="../\#(after[0])""#))
    }
}
