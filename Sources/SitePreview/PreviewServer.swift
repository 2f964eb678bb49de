import FlyingFox
import Foundation
import SiteModel

/// Serves a built site on loopback for editors to click through before they
/// publish: the clean URLs, the base path and the 404 page behave as on the
/// web host, which opening `index.html` from disk cannot show.
public struct PreviewServer: Sendable {
    public let folder: URL
    /// Where the site root sits on the host (`/uk/theranostics/`).
    public let basePath: String
    public let port: UInt16

    public init(folder: URL, basePath: String, port: UInt16) {
        self.folder = folder
        self.basePath = basePath
        self.port = port
    }

    public func makeServer() throws -> HTTPServer {
        HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled, handler: Handler(folder: folder, basePath: basePath))
    }

    struct Handler: HTTPHandler {
        let folder: URL
        let basePath: String

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            switch PreviewRoute.resolve(request.target.path(percentEncoded: false), basePath: basePath, in: folder) {
            case .file(let path):
                let data = try Data(contentsOf: folder.appendingPathComponent(path))
                return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: PreviewRoute.contentType(of: path)]), body: data)
            case .redirect(let location):
                return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: location]))
            case .notFound:
                let page = (try? Data(contentsOf: folder.appendingPathComponent("404.html"))) ?? Data("Not found".utf8)
                return HTTPResponse(statusCode: .notFound, headers: HTTPHeaders([.contentType: "text/html; charset=utf-8"]), body: page)
            }
        }
    }
}
