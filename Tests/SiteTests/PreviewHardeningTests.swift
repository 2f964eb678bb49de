import FlyingFox
import FlyingSocks
import Foundation
import XCTest
@testable import SitePipeline
@testable import SitePreview

/// `site serve` against hostile clients, over raw sockets on loopback: long
/// targets, heads that never end or come one byte a second, file names that
/// would break a header, paths that reach outside the preview.
final class PreviewHardeningTests: XCTestCase {
    var workspace: Workspace!
    var live: LiveSite!
    var server: HTTPServer!
    var port: UInt16 = 0

    override func setUp() async throws {
        workspace = try Workspace()
        var options = workspace.options()
        options.output = workspace.folder.appendingPathComponent("preview/public").path
        live = LiveSite(options: options) { _, _ in }
        live.buildNow()
        (server, port, _) = try await PreviewServer(live: live).start(port: 0)
    }

    override func tearDown() async throws {
        await server.stop()
        workspace = nil
    }

    func testATargetOver8KBAnswers414AndOneOf8KBIsServed() async throws {
        let long = "/theranostics/" + String(repeating: "a", count: 9 * 1024)
        let refused = try await exchange("GET \(long) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertTrue(refused.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), String(refused.prefix(200)))
        let longest = "/theranostics/" + String(repeating: "a", count: 8 * 1024 - "/theranostics/".count)
        let served = try await exchange("GET \(longest) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertTrue(served.hasPrefix("HTTP/1.1 404"), String(served.prefix(200)))
        XCTAssertTrue(served.contains("Page not found"), "the site's 404 page")
    }

    func testAnEndlessRequestLineIsCutAt8KB() async throws {
        // No end of line ever comes: the answer must not wait for one.
        let answer = try await exchange("GET /" + String(repeating: "a", count: 20 * 1024), within: 10)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 414"), String(answer.prefix(200)))
    }

    func testHugeHeadsAndBodiesAreRefused() async throws {
        let header = "X-Filler: " + String(repeating: "b", count: 4000) + "\r\n"
        let big = try await exchange("GET /theranostics/ HTTP/1.1\r\n" + String(repeating: header, count: 10) + "\r\n")
        XCTAssertTrue(big.hasPrefix("HTTP/1.1 431"), String(big.prefix(200)))
        let body = try await exchange("POST /theranostics/ HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
        XCTAssertTrue(body.hasPrefix("HTTP/1.1 413"), String(body.prefix(200)))
        let chunked = try await exchange("POST /theranostics/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        XCTAssertTrue(chunked.hasPrefix("HTTP/1.1 413"), String(chunked.prefix(200)))
    }

    /// One header byte a second keeps a connection busy but never finishes:
    /// the connection is answered 408 and closed 10 s after it opened, and
    /// others are served meanwhile.
    func testASlowClientIsClosedAfter10Seconds() async throws {
        let started = Date()
        let socket = try await connect()
        try await socket.write(Data("GET /theranostics/ HTTP/1.1\r\n".utf8))
        let dribble = Task {
            for byte in Array("X-Slow: " + String(repeating: "z", count: 30)).map({ Data(String($0).utf8) }) {
                try await Task.sleep(for: .seconds(1))
                try await socket.write(byte)
            }
        }
        defer { dribble.cancel() }
        try await Task.sleep(for: .seconds(2))
        let page = try await exchange("GET /theranostics/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200"), "served beside the slow client")
        let answer = try await readToEnd(socket, within: 15)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), answer)
        XCTAssertGreaterThan(elapsed, 9.5)
        XCTAssertLessThan(elapsed, 12)
    }

    func testLocationHeadersArePercentEncoded() async throws {
        let name = "two words\r\nX-Injected: yes"
        try FileManager.default.createDirectory(at: live.folder.appendingPathComponent(name), withIntermediateDirectories: true)
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/" + name, basePath: "/theranostics/", in: live.folder),
                       .redirect(location: "/theranostics/two%20words%0D%0AX-Injected:%20yes/"))
        let answer = try await exchange("GET /theranostics/two%20words%0D%0AX-Injected:%20yes HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let head = answer.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        XCTAssertEqual(head.first, "HTTP/1.1 302 Found")
        XCTAssertTrue(head.contains("Location: /theranostics/two%20words%0D%0AX-Injected:%20yes/"), "\(head)")
        XCTAssertFalse(head.contains { $0.lowercased().hasPrefix("x-injected") }, "\(head)")
    }

    func testNoPathLeadsOutOfThePreviewFolder() async throws {
        let secret = workspace.folder.appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: live.folder.appendingPathComponent("leak.txt"), withDestinationURL: secret)
        for target in ["/theranostics/leak.txt", "/theranostics/%2e%2e/%2e%2e/secret.txt", "/theranostics/../../secret.txt",
                       "/theranostics/..%2f..%2fsecret.txt", "/theranostics/%2E%2E%2F%2E%2E%2Fsecret.txt"] {
            let answer = try await exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            XCTAssertFalse(answer.contains("secret\n") || answer.hasSuffix("secret"), target)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 404"), "\(target): \(answer.prefix(100))")
        }
    }

    func testEveryAnswerClosesItsConnection() async throws {
        let answer = try await exchange("GET /theranostics/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"))
        XCTAssertTrue(answer.contains("\r\nConnection: close\r\n"), String(answer.prefix(400)))
        let head = RequestHeadGuard.examine(Array("GET / HTTP/1.1\r\nConnection: keep-alive\r\nKeep-Alive: 5\r\nContent-Length: 0\r\n\r\n".utf8))
        XCTAssertEqual(head, .complete(Array("GET / HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)))
        XCTAssertNil(RequestHeadGuard.examine(Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8)), "unfinished")
    }

    // MARK: raw sockets

    func connect() async throws -> AsyncSocket {
        try await AsyncSocket.connected(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
    }

    /// Sends `request` at once and reads the answer until the server closes.
    func exchange(_ request: String, within seconds: Double = 20) async throws -> String {
        let socket = try await connect()
        defer { try? socket.close() }
        try await socket.write(Data(request.utf8))
        return try await readToEnd(socket, within: seconds)
    }

    func readToEnd(_ socket: AsyncSocket, within seconds: Double) async throws -> String {
        let bytes = try await withDeadline(.seconds(seconds)) {
            var bytes: [UInt8] = []
            while let chunk = try? await socket.read(atMost: 4096) { bytes += chunk }
            return bytes
        }
        guard let bytes else { throw SocketError.timeout(message: "no end of answer within \(seconds) s") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
