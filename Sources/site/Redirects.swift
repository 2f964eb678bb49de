import ArgumentParser
import Foundation
import SiteLoad
import SiteModel
import SiteRender
import SiteValidate

struct Redirects: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redirects",
        abstract: "Prints the nginx map of renamed pages' old addresses (aliases) to their pages, for hosting/nginx.conf.")

    @Option(help: "The folder of Markdown content.")
    var content = "content"

    func run() throws {
        let loaded = ContentLoader(directory: URL(fileURLWithPath: content), displayRoot: content).load()
        let (site, diagnostics) = ContentValidator().validate(loaded)
        guard let site else {
            report(diagnostics.filter { $0.severity == .error })
            throw ExitCode.failure
        }
        print(NginxRedirects.map(site), terminator: "")
    }
}
