import Foundation
import SiteModel
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Checks links to other sites over the network: only on request
/// (`site check --external`), so builds and CI never depend on the network.
/// Bounded: a few requests at once, fewer per host, a timeout and one retry.
/// Links to this machine or its networks (loopback, private, link-local
/// addresses, `localhost`), directly or by a redirect, are not requested
/// unless `allowPrivateAddresses` says so: they are reported as skipped.
public struct ExternalLinkChecker: Sendable {
    public struct Options: Sendable {
        public var concurrency = 8
        public var perHost = 2
        public var timeout: TimeInterval = 10
        public var retries = 1
        /// URL prefixes never requested (sites that refuse robots, say).
        public var skip: [String] = []
        /// Request loopback, private and link-local addresses too (`--allow-private-addresses`).
        public var allowPrivateAddresses = false
        /// Redirects followed, each checked like the link itself.
        public var maxRedirects = 10
        /// The host name resolver; tests give names of their own.
        var resolve: @Sendable (String) -> [HostAddress] = HostAddress.resolve

        public init() {}
    }

    public let site: BuiltSite
    public let options: Options

    public init(site: BuiltSite, options: Options) {
        self.site = site
        self.options = options
    }

    /// Each external URL once, with the first page and line that uses it.
    func externalURLs() -> [(url: String, page: String, line: Int)] {
        let checker = LinkChecker(site: site, sources: SourceMap())
        var seen: [String: (String, Int)] = [:]
        for (path, page) in site.pages.sorted(by: { $0.key < $1.key }) {
            for reference in page.references {
                if case .external(let url) = checker.target(of: reference.url, from: path), seen[url] == nil,
                   !options.skip.contains(where: { url.hasPrefix($0) }) {
                    seen[url] = (path, reference.line)
                }
            }
        }
        return seen.keys.sorted().map { ($0, seen[$0]!.0, seen[$0]!.1) }
    }

    public func check() async -> [Diagnostic] {
        let urls = externalURLs()
        let gate = HostGate(perHost: options.perHost)
        var findings: [Diagnostic] = []
        await withTaskGroup(of: Diagnostic?.self) { group in
            var next = 0
            func addTask() {
                let (url, page, line) = urls[next]
                next += 1
                group.addTask {
                    switch await probe(url, gate: gate) {
                    case .answered:
                        return nil
                    case .failed(let problem):
                        return .error(site.display(page), line, .externalLink, "external link \(url): \(problem)")
                    case .skipped(let reason):
                        return .warning(site.display(page), line, .externalLink,
                                        "external link \(url) not requested: \(reason) (--allow-private-addresses requests it)")
                    }
                }
            }
            while next < min(options.concurrency, urls.count) { addTask() }
            while let result = await group.next() {
                if let result { findings.append(result) }
                if next < urls.count { addTask() }
            }
        }
        return findings.sortedForDisplay()
    }

    enum Outcome: Equatable {
        case answered
        case failed(String)
        case skipped(String)
    }

    func probe(_ url: String, gate: HostGate) async -> Outcome {
        guard var target = URL(string: url), let host = target.host else { return .failed("not a valid URL") }
        if let reason = await refusal(of: target) { return .skipped(reason) }
        await gate.enter(host)
        defer { Task { await gate.leave(host) } }
        for hop in 0...options.maxRedirects {
            if hop > 0, let reason = await refusal(of: target) { return .skipped("it redirects to \(target.absoluteString); \(reason)") }
            var answer = Answer.failed("not requested")
            for _ in 0...options.retries {
                answer = await request(target)
                if case .failed = answer { continue }
                break
            }
            switch answer {
            case .success: return .answered
            case .failed(let problem): return .failed(problem)
            case .redirect(let next): target = next
            }
        }
        return .failed("more than \(options.maxRedirects) redirects")
    }

    /// Why `url` is not requested, or nil. Resolving blocks, so it runs off the cooperative pool.
    /// The request resolves the name again: a name whose answer changes in
    /// between (DNS rebinding) gets through, a limit accepted for a check run by hand.
    func refusal(of url: URL) async -> String? {
        guard !options.allowPrivateAddresses else { return nil }
        guard let host = url.host else { return "it has no host" }
        let resolve = options.resolve
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: HostAddress.refusal(host: host, resolve: resolve)) }
        }
    }

    enum Answer {
        case success
        case failed(String)
        case redirect(URL)
    }

    /// One request; a redirect is not followed here but returned, so each hop is checked before it is requested.
    private func request(_ url: URL) async -> Answer {
        var request = URLRequest(url: url, timeoutInterval: options.timeout)
        request.httpMethod = "GET"
        request.setValue("theranostics-site-link-checker", forHTTPHeaderField: "User-Agent")
        return await withCheckedContinuation { continuation in
            Self.session.dataTask(with: request) { _, response, error in
                if let error { return continuation.resume(returning: .failed(error.localizedDescription)) }
                let response = response as? HTTPURLResponse
                let status = response?.statusCode ?? 200
                if [301, 302, 303, 307, 308].contains(status), let location = response?.value(forHTTPHeaderField: "Location"),
                   let next = URL(string: location, relativeTo: url)?.absoluteURL, ["http", "https"].contains(next.scheme?.lowercased()) {
                    continuation.resume(returning: .redirect(next))
                } else if !(200..<400).contains(status) {
                    continuation.resume(returning: .failed("HTTP status \(status)"))
                } else {
                    continuation.resume(returning: .success)
                }
            }.resume()
        }
    }

    /// A session that never follows a redirect by itself.
    static let session = URLSession(configuration: .ephemeral, delegate: RedirectRefuser(), delegateQueue: nil)
}

/// Refuses every redirect, so the task ends with the redirect response.
final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// At most `perHost` requests to one host at a time.
actor HostGate {
    let perHost: Int
    private var active: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(perHost: Int) {
        self.perHost = max(perHost, 1)
    }

    func enter(_ host: String) async {
        if active[host, default: 0] < perHost {
            active[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[host, default: []].append($0) }
    }

    func leave(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()
        } else {
            active[host, default: 1] -= 1
        }
    }
}
