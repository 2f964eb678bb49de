import ArgumentParser
import Foundation
import SiteModel
import SitePipeline

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Renders one Markdown file (or standard input) to its HTML fragment, as the build does.",
        discussion: "Raw HTML, links with a forbidden scheme and citations of references the content folder does not have are errors.")

    @Argument(help: "A Markdown file; standard input when omitted.")
    var file: String?

    @Option(help: "The content folder whose references/ citations must name.")
    var content = "content"

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
        let (html, diagnostics) = MarkdownFragment.render(text, file: name, citable: citable())
        report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode.failure }
        print(html, terminator: "")
    }

    /// The keys of the content folder's references (a reference's key is its file name); nil without a content folder.
    func citable() -> Set<String>? {
        let folder = URL(fileURLWithPath: content).appendingPathComponent("references")
        guard let files = try? FileTree.files(in: folder) else { return nil }
        return Set(files.filter { $0.hasSuffix(".md") && !$0.contains("/") }.map { String($0.dropLast(3)) })
    }
}
