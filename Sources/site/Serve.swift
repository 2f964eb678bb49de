import ArgumentParser
import Foundation
import SiteModel
import SitePipeline
import SitePreview
#if canImport(Glibc)
import Glibc
#endif

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Previews the site on 127.0.0.1 while you edit: rebuilt on every save, pages reload by themselves.",
        discussion: """
        The preview builds into a temporary folder of its own, never the output folder, and shows drafts with a \
        banner. A bad edit prints its errors here and on the open pages, which keep showing the last good build. \
        Stop with Ctrl-C.
        """)

    @Option(help: "The folder of Markdown content.")
    var content = "content"

    @Option(help: "The folder of Mustache templates and static files.")
    var templates = "templates"

    @Option(help: "The port on 127.0.0.1; when it is busy, the next free one is used.")
    var port: UInt16 = 8080

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-preview-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let options = BuildOptions(content: content, templates: templates, output: folder.appendingPathComponent("public").path,
                                   today: Day.today(), includeDrafts: true)
        let live = LiveSite(options: options) { line, isError in
            (isError ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
        }
        live.buildNow()
        let watcher = FileWatcher(folders: [URL(fileURLWithPath: content), URL(fileURLWithPath: templates)]) { live.changed() }
        watcher.start()
        let stop = removingOnExit(folder)
        let (_, bound, task) = try await PreviewServer(live: live).start(port: port)
        // Printed only once the server listens; FileHandle writes at once, so scripts reading a pipe see it.
        let address = "http://127.0.0.1:\(bound)\(live.basePath ?? "/")"
        FileHandle.standardOutput.write(Data("previewing \(content)/ at \(address) (Ctrl-C stops)\n".utf8))
        try await task.value
        watcher.stop()
        stop.forEach { $0.cancel() }
    }

    /// Ctrl-C and SIGTERM remove the preview's folder before the process ends.
    func removingOnExit(_ folder: URL) -> [DispatchSourceSignal] {
        let numbers: [Int32] = [SIGINT, SIGTERM]
        return numbers.map { number -> DispatchSourceSignal in
            _ = signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                try? FileManager.default.removeItem(at: folder)
                #if canImport(Glibc)
                Glibc.exit(0)
                #else
                Darwin.exit(0)
                #endif
            }
            source.resume()
            return source
        }
    }
}
