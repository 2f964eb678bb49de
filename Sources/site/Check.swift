import ArgumentParser
import Foundation
import SiteCheck
import SiteLoad
import SiteModel
import SiteValidate

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks a built site: links, anchors, files, orphan pages, sitemap.xml and centres.json.",
        discussion: """
        Findings name the generated file and line, the link, and the content file it came from. \
        External links are checked only with --external (bounded, with a timeout and one retry); \
        URL prefixes listed under external_link_skip in site.yaml are never requested, nor are links to \
        loopback, private or link-local addresses or localhost (warnings) unless --allow-private-addresses.
        """)

    @Option(help: "The built site to check.")
    var output = "public"

    @Option(help: "The content folder the site was built from (to name the source of each finding).")
    var content = "content"

    @Flag(help: "Also request every external link (needs the network).")
    var external = false

    @Flag(help: "With --external, also request links to loopback, private and link-local addresses and localhost.")
    var allowPrivateAddresses = false

    @Option(help: "Seconds before an external request gives up.")
    var timeout: Double = 10

    func run() async throws {
        let (sourceMap, settings) = Check.sources(content: content)
        var findings = SiteChecker(sources: sourceMap).check(folder: URL(fileURLWithPath: output), displayRoot: output)
        if external {
            var options = ExternalLinkChecker.Options()
            options.timeout = timeout
            options.skip = settings?.externalLinkSkip ?? []
            options.allowPrivateAddresses = allowPrivateAddresses
            let site = try BuiltSite(folder: URL(fileURLWithPath: output), displayRoot: output)
            findings += await ExternalLinkChecker(site: site, options: options).check()
        }
        report(findings)
        let errors = findings.filter { $0.severity == .error }.count
        if errors > 0 {
            FileHandle.standardError.write(Data("check failed: \(errors) error(s) in \(output)/\n".utf8))
            throw ExitCode.failure
        }
        print("checked \(output)/: no broken links, anchors, orphan pages or index drift")
    }

    /// Content is read only to say where findings came from; a site can be checked without it.
    static func sources(content: String) -> (SourceMap, SiteSettings?) {
        guard FileManager.default.fileExists(atPath: content) else { return (SourceMap(), nil) }
        let loaded = ContentLoader(directory: URL(fileURLWithPath: content), displayRoot: content).load()
        guard let site = ContentValidator().validate(loaded).site else { return (SourceMap(), nil) }
        return (SourceMap(site: site), site.settings)
    }
}
