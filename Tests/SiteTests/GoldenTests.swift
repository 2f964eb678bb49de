import Foundation
import XCTest
@testable import SitePipeline

/// Whole built files of the fixture site, compared byte for byte with the
/// copies kept in `Golden/`, so any change to what a visitor gets shows up
/// in review. After a deliberate change, run
/// `UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
final class GoldenTests: XCTestCase {
    static let golden = Repository.fixtures.deletingLastPathComponent().appendingPathComponent("Golden")
    static let files = [
        "index.html", "about/index.html", "services/psma/index.html", "centres/index.html", "centres/oxford/index.html",
        "404.html", "centres.json", "sitemap.xml", "robots.txt", "oxford/index.html",
    ]

    func testBuiltFilesEqualTheGoldenCopies() throws {
        let workspace = try Workspace()
        _ = try workspace.build()
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for path in Self.files {
            let built = try Data(contentsOf: workspace.output.appendingPathComponent(path))
            let kept = Self.golden.appendingPathComponent(path.replacingOccurrences(of: "/", with: "__"))
            if update {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try built.write(to: kept)
                continue
            }
            let expected = try Data(contentsOf: kept)
            XCTAssertEqual(String(decoding: built, as: UTF8.self), String(decoding: expected, as: UTF8.self), path)
        }
    }
}
