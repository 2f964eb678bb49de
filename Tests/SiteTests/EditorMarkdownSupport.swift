import Foundation
import XCTest
@testable import SiteModel
@testable import SitePipeline

/// Tests of what editors write (tables, callouts, buttons, images): each
/// writes one page, `guide.md`, into the fixture site, which was built once
/// first, so that a failed build can be shown to leave that site as it was.
class EditorMarkdownTestCase: XCTestCase {
    var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
    }

    override func tearDown() {
        workspace = nil  // removes its temporary folder
    }

    /// Line 1 of the body is this file line plus one.
    static let bodyOffset = 8

    func writeGuide(_ body: String) throws {
        try workspace.write("guide.md", """
            ---
            kind: page
            title: Guide
            description: A page for tests of what editors write.
            reviewed: 2026-01-10
            next_review: 2027-01-10
            reviewed_by: Fixture clinical team
            ---

            """ + body)
    }

    /// The guide's built page, from the body given.
    func builtGuide(_ body: String) throws -> String {
        try writeGuide(body)
        _ = try workspace.build()
        return try workspace.read("guide/index.html")
    }

    /// The build of this body fails with one error, of `reason`, on body line
    /// `bodyLine` of the guide, and the site built before is unchanged.
    @discardableResult
    func assertGuideFails(_ body: String, _ reason: Reason, bodyLine: Int,
                          file: StaticString = #filePath, line: UInt = #line) throws -> Diagnostic? {
        let before = try snapshot(workspace.output)
        try writeGuide(body)
        let errors = workspace.failingBuild(file: file, line: line)
        XCTAssertEqual(errors.count, 1, "\(errors)", file: file, line: line)
        XCTAssertEqual(errors.first?.reason, reason, "\(errors)", file: file, line: line)
        XCTAssertEqual(errors.first?.file, workspace.displayPath("guide.md"), file: file, line: line)
        XCTAssertEqual(errors.first?.line, Self.bodyOffset + bodyLine, "\(errors)", file: file, line: line)
        XCTAssertEqual(try snapshot(workspace.output), before, "a failed build changed the site", file: file, line: line)
        return errors.first
    }
}
