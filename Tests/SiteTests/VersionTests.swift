import Foundation
import XCTest
@testable import SiteModel

final class VersionTests: XCTestCase {
    func testTheVersionIsThreeNumbers() {
        XCTAssertNotNil(SiteVersion.current.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+/), SiteVersion.current)
    }

    /// `site --version` prints the version the code defines, and nothing else.
    func testTheToolPrintsItsVersion() throws {
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("site")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            return XCTFail("the site tool was not built beside the tests at \(tool.path)")
        }
        let process = Process()
        let output = Pipe()
        process.executableURL = tool
        process.arguments = ["--version"]
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(String(decoding: printed, as: UTF8.self), SiteVersion.current + "\n")
    }
}
