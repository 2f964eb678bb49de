import ArgumentParser
import Foundation
import SiteEditorial
import SiteLoad
import SiteModel
import SiteValidate

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Lists every page, service and centre with its review dates, overdue first, and what it holds.",
        discussion: "Exit status 1 with --strict when any page is overdue, so a scheduled job can warn the team ahead of the build.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "The folder of Markdown content.")
    var content = "content"

    @Option(help: "Today's date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the clock).", transform: parseDay)
    var today: Day?

    @Option(help: "table (80 columns), csv or json.")
    var format: Format = .table

    @Flag(help: "Exit with status 1 when any page's review is overdue.")
    var strict = false

    func run() throws {
        let day = Day.today(given: today)
        let loaded = ContentLoader(directory: URL(fileURLWithPath: content), displayRoot: content).load()
        let (site, diagnostics) = ContentValidator(today: day, includeDrafts: true).validate(loaded)
        guard let site else {
            report(diagnostics.filter { $0.severity == .error })
            throw ExitCode.failure
        }
        let rows = ContentStatus.rows(of: site, today: day)
        switch format {
        case .table: print(ContentStatus.table(rows), terminator: "")
        case .csv: print(ContentStatus.csv(rows), terminator: "")
        case .json: print(try ContentStatus.json(rows, today: day), terminator: "")
        }
        if strict && rows.contains(where: { $0.daysLeft < 0 }) { throw ExitCode.failure }
    }
}
