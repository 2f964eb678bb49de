import FlyingFox
import FlyingSocks
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
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
@testable import SitePreview

/// `site serve` answers as a static web host: base path, clean URLs, 404 page.
final class PreviewTests: XCTestCase {
    var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
        _ = try workspace.build()
    }

    override func tearDown() {
        workspace = nil
    }

    func testRoutes() {
        let folder = workspace.output
        let base = "/theranostics/"
        XCTAssertEqual(PreviewRoute.resolve("/", basePath: base, in: folder), .redirect(location: base))
        XCTAssertEqual(PreviewRoute.resolve("/theranostics", basePath: base, in: folder), .redirect(location: base))
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/", basePath: base, in: folder), .file(path: "index.html"))
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/about/", basePath: base, in: folder), .file(path: "about/index.html"))
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/about", basePath: base, in: folder), .redirect(location: "/theranostics/about/"))
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/images/scan.png", basePath: base, in: folder), .file(path: "images/scan.png"))
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/nowhere/", basePath: base, in: folder), .notFound)
        XCTAssertEqual(PreviewRoute.resolve("/theranostics/../secret", basePath: base, in: folder), .notFound)
        XCTAssertEqual(PreviewRoute.resolve("/elsewhere/", basePath: base, in: folder), .notFound)
        XCTAssertEqual(PreviewRoute.contentType(of: "a/b.css"), "text/css; charset=utf-8")
    }

    /// A live preview of the workspace's content, built into a folder of its own, on a free port.
    func startPreview() async throws -> (live: LiveSite, server: HTTPServer, port: UInt16) {
        var options = workspace.options()
        options.output = workspace.folder.appendingPathComponent("preview/public").path
        options.includeDrafts = true
        let live = LiveSite(options: options, debounce: .milliseconds(20)) { _, _ in }
        live.buildNow()
        let (server, port, _) = try await PreviewServer(live: live).start(port: 0)
        return (live, server, port)
    }

    func testTheServerAnswersOnLoopbackAsAHostDoes() async throws {
        let (_, server, port) = try await startPreview()
        let (page, pageStatus) = try await get("http://127.0.0.1:\(port)/theranostics/about/")
        XCTAssertEqual(pageStatus, 200)
        XCTAssertTrue(page.contains("<h1>About</h1>"))
        XCTAssertTrue(page.contains("<script src=\"/__preview/reload.js?build=1\" defer></script>\n</head>"), page)
        let (missing, missingStatus) = try await get("http://127.0.0.1:\(port)/theranostics/missing/")
        XCTAssertEqual(missingStatus, 404)
        XCTAssertTrue(missing.contains("Page not found"))
        let (script, scriptStatus) = try await get("http://127.0.0.1:\(port)/__preview/reload.js")
        XCTAssertEqual(scriptStatus, 200)
        XCTAssertTrue(script.contains("EventSource"))
        await server.stop()
    }

    func testThePreviewNeverWritesTheOutputFolder() async throws {
        let before = try snapshot(workspace.output)
        let (live, server, _) = try await startPreview()
        XCTAssertFalse(try workspace.read("index.html").contains("__preview"))
        XCTAssertEqual(try snapshot(workspace.output), before)
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.folder.appendingPathComponent("index.html").path))
        await server.stop()
    }

    /// Edit, see the page change and the reload event; break the page, see the
    /// error in the event and the last good page still served; fix it.
    func testAnEditReloadsAndABadEditShowsItsErrors() async throws {
        let (live, server, port) = try await startPreview()
        let watcher = FileWatcher(folders: [workspace.content]) { live.changed() }
        watcher.start()
        defer { watcher.stop() }
        let events = try await EventReader(port: port)
        let first = try await events.next()
        XCTAssertEqual(first.build, 1)

        try workspace.edit("about.md", replacing: "title: About", with: "title: About us")
        let edited = try await events.next()
        XCTAssertEqual(edited.build, 2)
        XCTAssertEqual(edited.errors, [])
        let editedPage = try await get("http://127.0.0.1:\(port)/theranostics/about/").0
        XCTAssertTrue(editedPage.contains("<h1>About us</h1>"))

        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: <two>")
        let broken = try await events.next()
        XCTAssertEqual(broken.build, 2, "no new good build")
        XCTAssertEqual(broken.errors.first?.file, workspace.displayPath("about.md"))
        XCTAssertEqual(broken.errors.first?.line, 5)
        XCTAssertTrue(broken.errors.first?.message.contains("<two>") ?? false, "the page escapes it: the event carries it as written")
        let lastGood = try await get("http://127.0.0.1:\(port)/theranostics/about/").0
        XCTAssertTrue(lastGood.contains("<h1>About us</h1>"), "the last good page")

        // The fix and a new title in one save.
        let fixedText = try String(contentsOf: workspace.content.appendingPathComponent("about.md"), encoding: .utf8)
            .replacingOccurrences(of: "nav: <two>", with: "nav: 2").replacingOccurrences(of: "title: About us", with: "title: About again")
        try workspace.write("about.md", fixedText)
        let fixed = try await events.next()
        XCTAssertEqual(fixed.build, 3)
        XCTAssertEqual(fixed.errors, [])
        let fixedPage = try await get("http://127.0.0.1:\(port)/theranostics/about/").0
        XCTAssertTrue(fixedPage.contains("<h1>About again</h1>"))
        await server.stop()
    }

    func testSeveralQuickSavesGiveOneBuild() async throws {
        let (live, server, port) = try await startPreview()
        let events = try await EventReader(port: port)
        _ = try await events.next()
        for _ in 0..<5 { live.changed() }
        let once = try await events.next()
        XCTAssertEqual(once.attempt, 2)
        try await Task.sleep(nanoseconds: 200_000_000)
        XCTAssertEqual(live.current.attempt, 2)
        await server.stop()
    }

    private func get(_ url: String) async throws -> (String, Int) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: URL(string: url)!) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                continuation.resume(returning: (String(decoding: data ?? Data(), as: UTF8.self), (response as? HTTPURLResponse)?.statusCode ?? 0))
            }.resume()
        }
    }
}

/// Reads `state` events from the preview's event stream over a plain socket.
final class EventReader {
    let socket: AsyncSocket
    var buffer: [UInt8] = []

    init(port: UInt16) async throws {
        socket = try await AsyncSocket.connected(to: .inet(ip4: "127.0.0.1", port: port))
        try await socket.write(Data("GET /__preview/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
    }

    /// The next state, within twenty seconds (a loaded machine builds slowly).
    func next() async throws -> PreviewState {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let range = String(decoding: buffer, as: UTF8.self).range(of: #"data: (\{.*\})\n"#, options: .regularExpression) {
                let text = String(decoding: buffer, as: UTF8.self)
                let line = text[range].dropFirst("data: ".count).dropLast()
                buffer = Array(text[range.upperBound...].utf8)
                return try JSONDecoder().decode(PreviewState.self, from: Data(line.utf8))
            }
            buffer += try await readWithin(deadline.timeIntervalSinceNow)
        }
        throw CancellationError()
    }

    /// Whatever the socket has within `seconds`; a stream that stays silent fails the test instead of hanging it.
    private func readWithin(_ seconds: TimeInterval) async throws -> [UInt8] {
        let socket = self.socket
        return try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask { try await socket.read(atMost: 4096) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(seconds, 0) * 1_000_000_000))
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await group.next() ?? []
        }
    }
}
