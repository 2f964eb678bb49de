import ArgumentParser
import Foundation
import SiteCheck
import SitePreview

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serves the built site on 127.0.0.1 for a preview, as the web host will (clean URLs, 404 page).",
        discussion: "Run ./build (or site build) first; stop with Ctrl-C.")

    @Option(help: "The built site to serve.")
    var output = "public"

    @Option(help: "The port on 127.0.0.1.")
    var port: UInt16 = 8000

    func run() async throws {
        let folder = URL(fileURLWithPath: output)
        // The base path comes from the home page's canonical URL.
        let basePath = try BuiltSite(folder: folder, displayRoot: output).paths?.basePath ?? "/"
        let preview = PreviewServer(folder: folder, basePath: basePath, port: port)
        let server = try preview.makeServer()
        print("previewing \(output)/ at http://127.0.0.1:\(port)\(preview.basePath) (Ctrl-C stops)")
        try await server.run()
    }
}
