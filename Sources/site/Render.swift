import ArgumentParser
import Foundation
import SiteModel
import SitePipeline

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Renders one Markdown file (or standard input) to its HTML fragment, as the build does.")

    @Argument(help: "A Markdown file; standard input when omitted.")
    var file: String?

    func run() throws {
        let text: String
        let name = file ?? "<stdin>"
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                report([.error(file, 1, .unreadableFile, "cannot read the file")])
                throw ExitCode.failure
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let (html, diagnostics) = MarkdownFragment.render(text, file: name)
        report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode.failure }
        print(html, terminator: "")
    }
}
