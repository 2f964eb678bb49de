import ArgumentParser
import Foundation
import SiteModel
import SiteScaffold

extension ContentScaffold.Kind: ExpressibleByArgument {}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Writes a new content file with every field its kind needs, ready to fill in.",
        discussion: "Kinds: page, service, centre, reference. An existing file is never overwritten.")

    @Argument(help: "The kind of content: page, service, centre or reference.")
    var kind: ContentScaffold.Kind

    @Argument(help: "The name, e.g. \"Bristol\"; the file name is made from it.")
    var name: String

    @Option(help: "The folder of Markdown content.")
    var content = "content"

    func run() throws {
        let relative = ContentScaffold.path(kind: kind, name: name)
        let url = URL(fileURLWithPath: content).appendingPathComponent(relative)
        let display = content.joiningPath(relative)
        if FileManager.default.fileExists(atPath: url.path) {
            report([.error(display, 1, .fileExists, "the file exists already; it was left as it is")])
            throw ExitCode.failure
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(ContentScaffold.text(kind: kind, name: name).utf8).write(to: url, options: .withoutOverwriting)
        print("wrote \(display): replace every FILL IN, then run ./build")
    }
}
