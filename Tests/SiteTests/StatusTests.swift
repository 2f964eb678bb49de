import Foundation
import XCTest
@testable import SiteEditorial
@testable import SiteLoad
@testable import SiteModel
@testable import SiteValidate

/// `site status`: one row per page, overdue first, in three formats.
final class StatusTests: XCTestCase {
    func rows(today: Day) throws -> [StatusRow] {
        let workspace = try Workspace()
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\ndraft: true")
        let loaded = ContentLoader(directory: workspace.content, displayRoot: "content").load()
        let site = try XCTUnwrap(ContentValidator(today: today, includeDrafts: true).validate(loaded).site)
        return ContentStatus.rows(of: site, today: today)
    }

    func testOverdueFirstThenTheSoonest() throws {
        let rows = try rows(today: Day(year: 2027, month: 1, day: 20)!)
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows.map(\.daysLeft), rows.map(\.daysLeft).sorted())
        XCTAssertEqual(rows.first?.daysLeft, -10)
        XCTAssertEqual(rows.last?.path, "content/about.md", "reviewed until 2029")
        XCTAssertTrue(rows.last?.draft ?? false)
        let home = try XCTUnwrap(rows.first { $0.path == "content/index.md" })
        XCTAssertEqual(home.citations, 1)
        XCTAssertEqual(home.linksOut, 2)
        XCTAssertEqual(try XCTUnwrap(rows.first { $0.path == "content/about.md" }).linksIn, 1, "the service page links to it")
        XCTAssertGreaterThan(home.words, 10)
    }

    func testTheTableFitsEightyColumns() throws {
        let table = ContentStatus.table(try rows(today: Day(year: 2026, month: 6, day: 1)!))
        let lines = table.split(separator: "\n")
        XCTAssertEqual(lines.count, 6)
        XCTAssertLessThanOrEqual(lines.map(\.count).max() ?? 0, 80)
    }

    func testCSVHasAHeaderAndQuotesItsFields() throws {
        let csv = ContentStatus.csv(try rows(today: Day(year: 2026, month: 6, day: 1)!))
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.first, ContentStatus.csvColumns.joined(separator: ","))
        XCTAssertEqual(lines.count, 6)
        XCTAssertTrue(lines.contains { $0.hasPrefix("content/about.md,page,About,Fixture clinical team,2026-01-10,2029-01-10,") && $0.contains(",draft,") })
    }

    func testJSONIsAnObjectWithPagesAndTheDate() throws {
        let today = Day(year: 2026, month: 6, day: 1)!
        let json = try ContentStatus.json(try rows(today: today), today: today)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["generated"] as? String, "2026-06-01")
        let pages = try XCTUnwrap(object["pages"] as? [[String: Any]])
        XCTAssertEqual(pages.count, 5)
        XCTAssertEqual(Set(pages[0].keys), ["path", "kind", "title", "reviewer", "last_review", "next_review", "days_left", "draft",
                                            "words", "reading_grade", "citations", "links_out", "links_in"])
    }
}
