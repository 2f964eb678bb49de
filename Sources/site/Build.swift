import ArgumentParser
import Foundation
import SiteModel
import SitePipeline

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds content/ into public/: every page, centres.json, sitemap.xml and 404.html.",
        discussion: "The site is written beside the output folder and swapped in only when the whole build succeeded.")

    @Option(help: "The folder of Markdown content.")
    var content = "content"

    @Option(help: "The folder of Mustache templates and static files.")
    var templates = "templates"

    @Option(help: "The folder the site is written to (replaced as a whole).")
    var output = "public"

    @Option(help: "The site's absolute URL, for canonical links, the sitemap and centres.json (default: base_url of content/site.yaml).")
    var baseURL: String?

    @Flag(help: "Check the built site (links, anchors, orphans, sitemap, centres.json) before it replaces the output folder.")
    var check = false

    @Flag(help: "Write a .gz and a .br beside each text file, for hosts that serve them as they are (only changed files are compressed again).")
    var compress = false

    @Flag(help: "Fail on a page whose review is overdue (what CI builds with); without it, a warning.")
    var strict = false

    @Option(help: "Today's date for review checks, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else the clock).", transform: parseDay)
    var today: Day?

    @Flag(help: "Build every page anew, without what the last build into the same folder left beside it (.<output>.cache).")
    var noCache = false

    @Flag(help: "Print each stage's time.")
    var verbose = false

    func run() throws {
        let options = BuildOptions(content: content, templates: templates, output: output, baseURL: baseURL,
                                   today: Day.today(given: today), strict: strict, incremental: !noCache)
        let progress = ProgressLine()
        var builder = SiteBuilder(options: options, steps: BuildStep.standard(check: check, compress: compress))
        builder.progress = { progress.update($0) }
        defer { progress.finish() }
        do {
            let result = try builder.buildRemovingUnfinishedOnInterrupt()
            progress.finish()
            report(result.warnings)
            if verbose {
                for (stage, milliseconds) in result.stages {
                    print("  \(stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", milliseconds)) ms")
                }
            }
            print(result.summary)
        } catch let failure as BuildFailure {
            progress.finish()
            report(failure.diagnostics)
            FileHandle.standardError.write(Data("build failed in stage '\(failure.stage.rawValue)': \(failure.errors.count) error(s); \(output)/ was not changed\n".utf8))
            throw ExitCode.failure
        }
    }
}
