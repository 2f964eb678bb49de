import FlyingFox
import FlyingSocks
import Foundation
import XCTest
@testable import SiteCheck
@testable import SiteModel

/// `site check --external` never requests this machine or its networks
/// unless asked: such links are warnings, checked after resolving the name
/// and again at every redirect. Every server here is on loopback; names
/// other than localhost and numeric forms are answered by a fake resolver,
/// so no test asks a DNS server.
final class PrivateAddressTests: XCTestCase {
    func testScopesOfAddresses() {
        let expected: [(String, HostAddress.Scope)] = [
            ("127.0.0.1", .loopback), ("127.255.0.9", .loopback), ("0.0.0.0", .unspecified),
            ("10.0.0.1", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.1.1", .private),
            ("100.64.0.1", .private), ("169.254.169.254", .linkLocal),
            ("172.15.0.1", .public), ("172.32.0.1", .public), ("192.169.0.1", .public), ("8.8.8.8", .public),
            ("::1", .loopback), ("::", .unspecified), ("fc00::1", .private), ("fd12:3456::1", .private),
            ("fe80::1", .linkLocal), ("febf::1", .linkLocal), ("fec0::1", .private),
            ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .private), ("::ffff:8.8.8.8", .public),
            ("2001:db8::1", .public), ("2a00:1450::1", .public),
        ]
        for (text, scope) in expected {
            XCTAssertEqual(Self.address(text).scope, scope, text)
            XCTAssertEqual(Self.address(text).description, text)
        }
    }

    func testNamesAreResolvedBeforeDeciding() throws {
        // Through the system's resolver: /etc/hosts and numeric forms, no DNS server.
        let localhost = try XCTUnwrap(HostAddress.refusal(host: "localhost"))
        XCTAssertTrue(localhost.hasPrefix("localhost resolves to "), localhost)
        XCTAssertTrue(localhost.hasSuffix("a loopback address"), localhost)
        XCTAssertEqual(HostAddress.refusal(host: "127.1"), "127.1 resolves to 127.0.0.1, a loopback address")
        XCTAssertEqual(HostAddress.refusal(host: "2130706433"), "2130706433 resolves to 127.0.0.1, a loopback address")
        XCTAssertEqual(HostAddress.refusal(host: "[::1]"), "::1 is a loopback address")
        XCTAssertEqual(HostAddress.refusal(host: "169.254.169.254"), "169.254.169.254 is a link-local address")
        // A name is judged by every address it has.
        let fake = Self.resolver(["intranet.example": ["10.0.0.5"], "mixed.example": ["203.0.113.7", "192.168.0.2"],
                                  "public.example": ["203.0.113.7", "2001:db8::7"]])
        XCTAssertEqual(HostAddress.refusal(host: "intranet.example", resolve: fake), "intranet.example resolves to 10.0.0.5, a private address")
        XCTAssertEqual(HostAddress.refusal(host: "mixed.example", resolve: fake), "mixed.example resolves to 192.168.0.2, a private address")
        XCTAssertNil(HostAddress.refusal(host: "public.example", resolve: fake))
        XCTAssertNil(HostAddress.refusal(host: "unresolvable.example", resolve: fake), "left to the request, which reports it")
        XCTAssertEqual(HostAddress.refusal(host: "app.localhost", resolve: fake), "app.localhost is this machine")
    }

    func testLinksToPrivateAddressesAreWarningsAndNeverRequested() async throws {
        let server = try await RecordingServer.start()
        let port = server.port
        let workspace = try Workspace()
        _ = try workspace.build()
        try Self.addLinks(["http://127.0.0.1:\(port)/a", "http://localhost:\(port)/b", "http://2130706433:\(port)/c",
                           "http://[::1]:\(port)/d", "http://intranet.example:\(port)/e"], to: workspace)
        var options = ExternalLinkChecker.Options()
        options.timeout = 5
        options.skip = ["https://"]  // the pages' real external links
        options.resolve = { $0 == "intranet.example" ? [PrivateAddressTests.address("10.0.0.5")] : HostAddress.resolve($0) }
        let site = try BuiltSite(folder: workspace.output, displayRoot: "public")
        let findings = await ExternalLinkChecker(site: site, options: options).check()

        XCTAssertEqual(findings.count, 5, "\(findings)")
        XCTAssertEqual(Set(findings.reasons), [.externalLink])
        XCTAssertTrue(findings.allSatisfy { $0.severity == .warning }, "\(findings)")
        XCTAssertFalse(findings.hasErrors)
        XCTAssertTrue(findings.contains { $0.message.hasPrefix("external link http://intranet.example:\(port)/e not requested: intranet.example resolves to 10.0.0.5") })
        let requested = await server.paths
        XCTAssertEqual(requested, [], "a skipped link was requested")
        await server.stop()
    }

    func testARedirectIsCheckedBeforeItIsFollowed() async throws {
        let server = try await RecordingServer.start()
        let port = server.port
        let workspace = try Workspace()
        _ = try workspace.build()
        try Self.addLinks(["http://127.0.0.1:\(port)/to-localhost", "http://127.0.0.1:\(port)/to-missing",
                           "http://127.0.0.1:\(port)/to-page"], to: workspace)
        var options = ExternalLinkChecker.Options()
        options.timeout = 5
        options.skip = ["https://"]
        // The test's stand-in for a public site: 127.0.0.1 is called public, localhost is not.
        options.resolve = { $0 == "127.0.0.1" ? [PrivateAddressTests.address("203.0.113.7")] : HostAddress.resolve($0) }
        let site = try BuiltSite(folder: workspace.output, displayRoot: "public")
        let findings = await ExternalLinkChecker(site: site, options: options).check()

        XCTAssertEqual(findings.map(\.severity), [.warning, .error], "\(findings)")  // in message order
        XCTAssertEqual(findings.reasons, [.externalLink, .externalLink])
        let error = try XCTUnwrap(findings.first { $0.severity == .error })
        XCTAssertEqual(error.message, "external link http://127.0.0.1:\(port)/to-missing: HTTP status 404")
        let warning = try XCTUnwrap(findings.first { $0.severity == .warning })
        XCTAssertTrue(warning.message.contains("not requested: it redirects to http://localhost:\(port)/page; localhost resolves to"),
                      warning.message)
        let requested = await server.paths
        XCTAssertEqual(requested.sorted(), ["/missing", "/missing", "/page", "/to-localhost", "/to-missing", "/to-page"],
                       "the redirect to localhost is not followed; the 404 is tried twice (one retry)")
        await server.stop()
    }

    static func addLinks(_ urls: [String], to workspace: Workspace) throws {
        let page = workspace.output.appendingPathComponent("about/index.html")
        let links = urls.map { "<a href=\"\($0)\">x</a>" }.joined()
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</main>", with: links + "</main>")
        try Data(html.utf8).write(to: page)
    }

    static func address(_ text: String) -> HostAddress {
        var bytes = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &bytes) == 1 { return HostAddress(bytes: Array(bytes.prefix(4))) }
        precondition(inet_pton(AF_INET6, text, &bytes) == 1, text)
        return HostAddress(bytes: bytes)
    }

    static func resolver(_ names: [String: [String]]) -> @Sendable (String) -> [HostAddress] {
        { name in names[name]?.map(address) ?? [] }
    }
}

/// An HTTP server on 127.0.0.1 that records the paths asked of it:
/// `/to-X` redirects (302) to `/X` (`/to-localhost` to `http://localhost:PORT/page`),
/// `/page` and `/a`… answer 200, `/missing` 404.
final class RecordingServer: Sendable {
    let server: HTTPServer
    let port: UInt16
    let log = PathLog()

    actor PathLog {
        var paths: [String] = []
        func add(_ path: String) { paths.append(path) }
    }

    var paths: [String] {
        get async { await log.paths }
    }

    private init(server: HTTPServer, port: UInt16) {
        self.server = server
        self.port = port
    }

    static func start() async throws -> RecordingServer {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { throw SocketError.unsupportedAddress }
        let recording = RecordingServer(server: server, port: port)
        let log = recording.log
        await server.appendRoute("*") { request in
            let path = request.path
            await log.add(path)
            switch path {
            case "/to-localhost":
                return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: "http://localhost:\(port)/page"]))
            case let path where path.hasPrefix("/to-"):
                return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: "/" + path.dropFirst(4)]))
            case "/missing":
                return HTTPResponse(statusCode: .notFound)
            default:
                return HTTPResponse(statusCode: .ok, body: Data("ok".utf8))
            }
        }
        return recording
    }

    func stop() async {
        await server.stop()
    }
}
