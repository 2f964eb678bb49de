import FlyingFox
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

    func testTheServerAnswersOnLoopback() async throws {
        let basePath = try XCTUnwrap(BuiltSite(folder: workspace.output, displayRoot: "public").paths?.basePath)
        XCTAssertEqual(basePath, "/theranostics/")
        let server = try PreviewServer(folder: workspace.output, basePath: basePath, port: 0).makeServer()
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { return XCTFail("not listening on IPv4") }

        let (page, pageStatus) = try await get("http://127.0.0.1:\(port)/theranostics/about/")
        XCTAssertEqual(pageStatus, 200)
        XCTAssertTrue(page.contains("<h1>About</h1>"))
        let (missing, missingStatus) = try await get("http://127.0.0.1:\(port)/theranostics/missing/")
        XCTAssertEqual(missingStatus, 404)
        XCTAssertTrue(missing.contains("Page not found"))
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
