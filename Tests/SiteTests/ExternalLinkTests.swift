import XCTest
@testable import SiteCheck
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
@testable import SiteScaffold
@testable import SiteValidate
@testable import SiteWrite

/// External links against a server on loopback: the only network these tests use.
final class ExternalLinkTests: XCTestCase {
    func testExternalLinksAreRequestedAndFailuresNamed() async throws {
        let workspace = try Workspace()
        _ = try workspace.build()
        let server = Process()
        let output = Pipe()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", workspace.output.path]
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let banner = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let port = try XCTUnwrap(banner.split(separator: " ").firstIndex(of: "port").map { banner.split(separator: " ")[$0 + 1] })
        let base = "http://127.0.0.1:\(port)"

        let page = workspace.output.appendingPathComponent("about/index.html")
        let links = ["\(base)/index.html", "\(base)/missing.html", "http://127.0.0.1:1/closed", "\(base)/skipped/"]
            .map { "<a href=\"\($0)\">x</a>" }.joined()
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</main>", with: links + "</main>")
        try Data(html.utf8).write(to: page)

        var options = ExternalLinkChecker.Options()
        options.timeout = 5
        options.allowPrivateAddresses = true  // the server is on loopback, which is skipped by default
        // Only loopback is requested: the pages' real external links (all https) are skipped.
        options.skip = ["https://", "\(base)/skipped/"]
        let site = try BuiltSite(folder: workspace.output, displayRoot: "public")
        let findings = await ExternalLinkChecker(site: site, options: options).check()
        let messages = findings.map(\.message)
        XCTAssertEqual(findings.count, 2, "\(messages)")
        XCTAssertEqual(findings.reasons, [.externalLink, .externalLink])
        XCTAssertTrue(messages.contains("external link \(base)/missing.html: HTTP status 404"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("external link http://127.0.0.1:1/closed:") }, "\(messages)")
        XCTAssertTrue(findings.allSatisfy { $0.file == "public/about/index.html" })
    }

    func testHostGateAdmitsAtMostThePerHostLimit() async {
        let gate = HostGate(perHost: 2)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await gate.enter("example.org")
                    await counter.change(by: 1)
                    try? await Task.sleep(nanoseconds: 5_000_000)
                    await counter.change(by: -1)
                    await gate.leave("example.org")
                }
            }
        }
        let peak = await counter.peak
        XCTAssertEqual(peak, 2)
    }
}

actor Counter {
    var value = 0
    var peak = 0
    func change(by delta: Int) {
        value += delta
        peak = max(peak, value)
    }
}
