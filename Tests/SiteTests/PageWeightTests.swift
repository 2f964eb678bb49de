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

    /// The stylesheet and scripts a page loads: all at the site root, by their fingerprinted names.
    func assets(of html: Data) throws -> Set<String> {
        let text = String(decoding: html, as: UTF8.self)
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="[^"]*?([^"/]+\.(?:css|js))""#)
        return Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    func testEveryPageIsUnderTheBudget() throws {
        let workspace = try Workspace(copying: Repository.content)
        _ = try workspace.build()
        var sizes: [String: Int] = [:]
        var largest = 0
        for path in try FileTree.files(in: workspace.output) where path.hasSuffix(".html") {
            let html = try Data(contentsOf: workspace.output.appendingPathComponent(path))
            var total = try gzipSize(html)
            let assets = try assets(of: html)
            XCTAssertTrue(assets.contains { $0.hasPrefix("styles.") }, "\(path) loads no stylesheet")
            for asset in assets {
                if sizes[asset] == nil { sizes[asset] = try gzipSize(Data(contentsOf: workspace.output.appendingPathComponent(asset))) }
                total += sizes[asset] ?? 0
            }
            largest = max(largest, total)
            XCTAssertLessThanOrEqual(total, Self.budget, "\(path) weighs \(total) bytes compressed")
        }
        XCTAssertGreaterThan(largest, 1000, "the sizes were measured")
    }
}
