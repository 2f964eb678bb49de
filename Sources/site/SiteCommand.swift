import ArgumentParser
import Foundation
import SiteModel

/// Each command names itself in its configuration: a name made from the
/// type's name costs the runtime a search of every protocol conformance in
/// the tool, a few milliseconds at each start.
@main
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Builds the Theranostics service pages from Markdown content.",
        version: SiteVersion.current,
        subcommands: [Build.self, Check.self, Status.self, Render.self, New.self, Serve.self, Redirects.self])
}

/// Prints diagnostics to standard error, compiler style.
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

/// `--today YYYY-MM-DD`.
func parseDay(_ text: String) throws -> Day {
    guard let day = Day(iso: text) else { throw ValidationError("'\(text)' is not a date written YYYY-MM-DD") }
    return day
}
