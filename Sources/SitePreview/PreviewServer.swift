import FlyingFox
import FlyingSocks
import Foundation
import SiteModel

/// Serves the live site on loopback for editors to click through while they
/// write: the clean URLs, the base path and the 404 page behave as on the
/// web host, and every page served gets the reload script (its own file,
/// from `/__preview/`), which reloads it after each good build and shows
/// the errors of a bad one. Nothing of this reaches a build's output.
public struct PreviewServer: Sendable {
    public let live: LiveSite

    public init(live: LiveSite) {
        self.live = live
    }

    /// Where the preview's own files are served, outside any base path.
    static let prefix = "/__preview/"

    /// Listens on the first free port from `port` on (up to 50 tries) and
    /// returns the server, running, with its port. FlyingFox itself listens on
    /// a Unix socket beside the preview's folder; the port is the
    /// `RequestHeadGuard`'s, which bounds each request's head before passing it on.
    public func start(port: UInt16) async throws -> (server: HTTPServer, port: UInt16, task: Task<Void, Error>) {
        let (listener, bound) = try Self.listen(from: port)
        let path = Self.socketPath(beside: live.folder, port: bound)
        unlink(path)  // left by a preview that did not stop
        let pool = HTTPServer.defaultPool()
        let server = HTTPServer(address: sockaddr_un.unix(path: path), pool: pool, logger: .disabled, handler: Handler(live: live))
        let failed = Failure()
        let running = Task {
            do { try await server.run() } catch {
                await failed.set(error)
                throw error
            }
        }
        while await !server.isListening {
            if let error = await failed.error {
                try? listener.close()
                throw error
            }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        let front = RequestHeadGuard(listener: try AsyncSocket(socket: listener, pool: pool), upstream: path, pool: pool)
        let task = Task {
            let accepting = Task {
                try? await front.acceptConnections()
                await server.stop()
            }
            defer {
                accepting.cancel()
                try? listener.close()
                unlink(path)
            }
            try await running.value
        }
        return (server, bound, task)
    }

    /// A socket listening on 127.0.0.1 at the first free port from `port` on.
    static func listen(from port: UInt16) throws -> (Socket, UInt16) {
        var lastError: Error = SocketError.unsupportedAddress
        for offset: UInt16 in 0..<50 {
            let (candidate, overflow) = port.addingReportingOverflow(offset)
            if overflow || (port == 0 && offset > 0) { break }
            let socket = try Socket(domain: AF_INET, type: .stream)
            do {
                try socket.setValue(true, for: .localAddressReuse)
                try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: candidate))
                try socket.listen()
                if case .ip4(_, let bound) = try socket.sockname() { return (socket, bound) }
            } catch {
                lastError = error
            }
            try? socket.close()
        }
        throw lastError
    }

    /// Beside the preview's folder (removed with it), unless that path is too
    /// long for a Unix socket (104 bytes on macOS); then in /tmp.
    static func socketPath(beside folder: URL, port: UInt16) -> String {
        let parent = folder.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let path = parent.appendingPathComponent("preview-\(port).sock").path
        return path.utf8.count < 100 ? path : "/tmp/site-preview-\(getpid())-\(port).sock"
    }

    actor Failure {
        var error: Error?
        func set(_ error: Error) { self.error = error }
    }

    struct Handler: HTTPHandler {
        let live: LiveSite

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            var response = try await respond(to: request)
            // One request per connection: the next comes through the RequestHeadGuard again.
            response.headers[.connection] = "close"
            return response
        }

        func respond(to request: HTTPRequest) async throws -> HTTPResponse {
            let path = request.target.path(percentEncoded: false)
            if path.hasPrefix(PreviewServer.prefix) { return own(String(path.dropFirst(PreviewServer.prefix.count))) }
            let state = live.current
            switch PreviewRoute.resolve(path, basePath: live.basePath ?? "/", in: live.folder) {
            case .file(let file):
                var data = try Data(contentsOf: live.folder.appendingPathComponent(file))
                if file.hasSuffix(".html") { data = Self.withReloadScript(data, build: state.build) }
                return HTTPResponse(statusCode: .ok, headers: Self.headers(PreviewRoute.contentType(of: file)), body: data)
            case .redirect(let location):
                return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: location]))
            case .notFound:
                let page = (try? Data(contentsOf: live.folder.appendingPathComponent("404.html"))) ?? Data(Self.notBuiltYet.utf8)
                return HTTPResponse(statusCode: .notFound, headers: Self.headers("text/html; charset=utf-8"),
                                    body: Self.withReloadScript(page, build: state.build))
            }
        }

        /// The preview's own files: the reload script, its style, the event stream and the state.
        func own(_ name: String) -> HTTPResponse {
            switch name {
            case "events":
                let stream = live.events.subscribe(first: LiveSite.event(live.current))
                var headers = Self.headers("text/event-stream; charset=utf-8")
                headers[.init("Cache-Control")] = "no-cache"
                return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventBytes(stream: stream)))
            case "state":
                let json = (try? JSONEncoder().encode(live.current)) ?? Data()
                return HTTPResponse(statusCode: .ok, headers: Self.headers("application/json"), body: json)
            case "reload.js":
                return HTTPResponse(statusCode: .ok, headers: Self.headers(PreviewRoute.contentType(of: name)), body: Data(PackageResources.reload_js))
            case "preview.css":
                return HTTPResponse(statusCode: .ok, headers: Self.headers(PreviewRoute.contentType(of: name)), body: Data(PackageResources.preview_css))
            default:
                return HTTPResponse(statusCode: .notFound)
            }
        }

        static func headers(_ contentType: String) -> HTTPHeaders {
            // The same policy as the sample web server's: the preview must not allow what the host refuses.
            HTTPHeaders([
                .contentType: contentType,
                .init("Content-Security-Policy"): "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
                .init("X-Content-Type-Options"): "nosniff",
            ])
        }

        /// The page with `<script src="/__preview/reload.js?build=N" defer>` before `</head>`.
        static func withReloadScript(_ page: Data, build: Int) -> Data {
            let tag = Data("<script src=\"\(PreviewServer.prefix)reload.js?build=\(build)\" defer></script>\n".utf8)
            guard let head = page.range(of: Data("</head>".utf8)) else { return page + tag }
            var result = page
            result.insert(contentsOf: tag, at: head.lowerBound)
            return result
        }

        /// Served until the first good build: the reload script lists the errors.
        static let notBuiltYet = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <title>Preview: the site has not built yet</title>
            </head>
            <body>
            <main>
            <h1>The site has not built yet</h1>
            <p>Fix the errors listed here and in the terminal. This page reloads by itself when the site builds.</p>
            </main>
            </body>
            </html>
            """
    }
}
