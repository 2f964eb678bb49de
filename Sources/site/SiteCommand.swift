import ArgumentParser
import Foundation
import SiteModel

@main
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Builds the Theranostics service pages from Markdown content.",
        version: SiteVersion.current,
        subcommands: [Build.self, Check.self, Render.self, New.self, Serve.self])
}

/// Prints diagnostics to standard error, compiler style.
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

/// Today in UTC, for review-date warnings.
func today() -> Day {
    let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
    return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
}
