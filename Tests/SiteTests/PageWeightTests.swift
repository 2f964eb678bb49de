import Foundation
import XCTest
@testable import SiteModel

/// Every page of the real site, with the stylesheet and script it loads,
/// stays under 40 KB transferred with gzip: fast on a phone in a waiting room.
final class PageWeightTests: XCTestCase {
    static let budget = 40 * 1024

    func gzipSize(_ data: Data) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -6 -c | wc -c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
    }

    func testEveryPageIsUnderTheBudget() throws {
        let workspace = try Workspace(copying: Repository.content)
        _ = try workspace.build()
        let css = try gzipSize(Data(contentsOf: workspace.output.appendingPathComponent("styles.css")))
        let script = try gzipSize(Data(contentsOf: workspace.output.appendingPathComponent("finder.js")))
        var largest = 0
        for path in try FileTree.files(in: workspace.output) where path.hasSuffix(".html") {
            let html = try Data(contentsOf: workspace.output.appendingPathComponent(path))
            let total = try gzipSize(html) + css + (String(decoding: html, as: UTF8.self).contains("finder.js") ? script : 0)
            largest = max(largest, total)
            XCTAssertLessThanOrEqual(total, Self.budget, "\(path) weighs \(total) bytes compressed")
        }
        XCTAssertGreaterThan(largest, 1000, "the sizes were measured")
    }
}
