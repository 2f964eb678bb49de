import Foundation
import XCTest
@testable import SiteLoad
@testable import SiteModel
@testable import SitePipeline
@testable import SiteValidate

/// Review dates gate the build: a review due soon is a warning, an overdue
/// one a warning or, with `--strict` (CI), an error naming its line.
final class ReviewDateTests: XCTestCase {
    var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
        // Only about.md is reviewed in this test: the others are due far later.
        for path in ["index.md", "services/psma.md", "centres/index.md", "centres/oxford.md"] {
            try workspace.edit(path, replacing: "next_review: 2027-01-10", with: "next_review: 2029-01-10")
        }
        try workspace.edit("about.md", replacing: "next_review: 2029-01-10", with: "next_review: 2028-03-01")
    }

    override func tearDown() {
        workspace = nil
    }

    func findings(today: Day, strict: Bool = false) -> [Diagnostic] {
        let loaded = ContentLoader(directory: workspace.content, displayRoot: workspace.content.path).load()
        return ContentValidator(today: today, strict: strict).validate(loaded).diagnostics
    }

    func testTheDayBeforeOfAndAfterTheDueDate() {
        let before = findings(today: Day(year: 2028, month: 2, day: 29)!)  // a leap day: one day left
        XCTAssertEqual(before.map(\.reason), [.reviewDue])
        XCTAssertTrue(before[0].message.contains("in 1 day "), before[0].message)
        XCTAssertEqual(findings(today: Day(year: 2028, month: 3, day: 1)!).map(\.reason), [.reviewDue], "due today")
        let after = findings(today: Day(year: 2028, month: 3, day: 2)!)
        XCTAssertEqual(after.map(\.reason), [.reviewOverdue])
        XCTAssertEqual(after[0].severity, .warning)
        XCTAssertTrue(after[0].message.contains("overdue by 1 day "), after[0].message)
    }

    func testStrictMakesAnOverdueReviewAnErrorOnItsLine() {
        let found = findings(today: Day(year: 2028, month: 4, day: 1)!, strict: true)
        XCTAssertEqual(found.map(\.reason), [.reviewOverdue])
        XCTAssertEqual(found[0].severity, .error)
        XCTAssertEqual(found[0].file, workspace.displayPath("about.md"))
        XCTAssertEqual(found[0].line, 7)
        XCTAssertTrue(found[0].message.contains("overdue by 31 days"), found[0].message)
    }

    func testTheWarningWindowIsASetting() throws {
        XCTAssertEqual(findings(today: Day(year: 2027, month: 12, day: 31)!), [], "61 days left is quiet")
        XCTAssertEqual(findings(today: Day(year: 2028, month: 1, day: 1)!).map(\.reason), [.reviewDue], "within 60 days by default")
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "review_warning_days: 10\ntelephone: ")
        XCTAssertEqual(findings(today: Day(year: 2028, month: 1, day: 2)!), [])
    }

    func testDayArithmeticAcrossLeapYears() {
        XCTAssertEqual(Day(year: 2028, month: 2, day: 28)!.days(until: Day(year: 2028, month: 3, day: 1)!), 2)
        XCTAssertEqual(Day(year: 2027, month: 2, day: 28)!.days(until: Day(year: 2027, month: 3, day: 1)!), 1)
        XCTAssertEqual(Day(year: 2100, month: 2, day: 28)!.days(until: Day(year: 2100, month: 3, day: 1)!), 1)
        XCTAssertEqual(Day(year: 2000, month: 2, day: 28)!.days(until: Day(year: 2000, month: 3, day: 1)!), 2)
        XCTAssertEqual(Day(year: 2026, month: 11, day: 20)!.days(until: Day(year: 2027, month: 11, day: 20)!), 365)
        XCTAssertEqual(Day(year: 2028, month: 2, day: 29)!.adding(years: 3), Day(year: 2031, month: 2, day: 28)!)
    }

    func testTodayComesFromTheOptionThenSourceDateEpochThenTheClock() {
        let given = Day(year: 2026, month: 1, day: 2)!
        XCTAssertEqual(Day.today(given: given, environment: ["SOURCE_DATE_EPOCH": "0"]), given)
        XCTAssertEqual(Day.today(environment: ["SOURCE_DATE_EPOCH": "1795824000"]), Day(year: 2026, month: 11, day: 28)!)
        XCTAssertEqual(Day.today(environment: ["SOURCE_DATE_EPOCH": "86399"]), Day(year: 1970, month: 1, day: 1)!)
        XCTAssertEqual(Day.today(environment: [:], now: Date(timeIntervalSince1970: 951_782_400)), Day(year: 2000, month: 2, day: 29)!)
    }

    /// The real content passes the CI build on the day it was reviewed.
    func testTheRealContentPassesStrictOnItsReviewDay() throws {
        let real = try Workspace(copying: Repository.content)
        var options = real.options()
        options.today = Day(year: 2026, month: 11, day: 20)
        options.strict = true
        let report = try SiteBuilder(options: options, steps: BuildStep.standard(check: true)).build()
        XCTAssertEqual(report.warnings, [])
    }

    /// `Day(iso:)` and the file-name rule read bytes; each says what the character reading said.
    func testDatesAndFileNamesReadOnBytesAsCharacters() {
        func dayByCharacters(_ text: String) -> Day? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
            return Day(year: year, month: month, day: day)
        }
        func wordByCharacters(_ text: String) -> Bool {
            !text.isEmpty && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
                && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        let pieces = ["2026", "02", "28", "29", "30", "00", "13", "1", "１", "٢", "-", "--", "x", "\u{301}", " ", "2024", "0000", "99", "a", "é", "A", "_", ""]
        var checked = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for text in [a + "-" + b + "-" + c, a + b + c, a + "-" + b + c] {
                        XCTAssertEqual(Day(iso: text), dayByCharacters(text), text.debugDescription)
                        XCTAssertEqual(ContentValidator.isWord(text.utf8), wordByCharacters(text), text.debugDescription)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 3 * 23 * 23 * 23)
        XCTAssertEqual(Day(iso: "2024-02-29"), Day(year: 2024, month: 2, day: 29))
        XCTAssertNil(Day(iso: "2026-02-29"))
    }

    /// A content path is good, read on its unsplit bytes, exactly when each folder and the stem are
    /// words and the type is lowercase letters and digits, as read on the split path's characters.
    func testPathsReadOnBytesAsOnTheirParts() {
        func goodByParts(_ path: String) -> Bool {
            var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let last = parts.removeLast()
            let dot = last.lastIndex(of: ".")
            let stem = dot.map { String(last[..<$0]) } ?? last
            let type = dot.map { String(last[last.index(after: $0)...]) }
            return parts.allSatisfy { ContentValidator.isWord($0.utf8) } && ContentValidator.isWord(stem.utf8)
                && (type.map { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } } ?? true)
        }
        let pieces = ["a", "b-c", "9", "-", "/", ".", ".md", "md", "Md", "é", "_", " ", "\u{301}", "x--y", ""]
        var checked = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let path = a + b + c + d
                        XCTAssertEqual(ContentValidator.suggestedName(path) == nil, goodByParts(path), path.debugDescription)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 15 * 15 * 15 * 15)
        XCTAssertNil(ContentValidator.suggestedName("services/lutetium-psma.md"))
        XCTAssertEqual(ContentValidator.suggestedName("Services/Lutetium PSMA.MD"), "services/lutetium-psma.md")
    }

    /// `iso` is written digit by digit: every day of four centuries reads back as itself.
    func testISODatesReadBackAsTheDay() {
        // 1900-01-01 to 2299-12-31, one day at a time.
        var count = 0
        for seconds in stride(from: -2_208_988_800, to: 10_413_792_000, by: 86_400) {
            let day = Day(secondsSince1970: seconds)
            XCTAssertEqual(Day(iso: day.iso), day, day.iso)
            count += 1
        }
        XCTAssertEqual(count, 146_097)
        XCTAssertEqual(Day(year: 7, month: 3, day: 9)?.iso, "0007-03-09")
        XCTAssertEqual(Day(year: 10_000, month: 1, day: 2)?.iso, "10000-01-02")
    }
}
