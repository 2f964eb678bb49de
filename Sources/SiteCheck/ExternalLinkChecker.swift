import Foundation
import SiteModel
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Checks links to other sites over the network: only on request
/// (`site check --external`), so builds and CI never depend on the network.
/// Bounded: a few requests at once, fewer per host, a timeout and one retry.
public struct ExternalLinkChecker: Sendable {
    public struct Options: Sendable {
        public var concurrency = 8
        public var perHost = 2
        public var timeout: TimeInterval = 10
        public var retries = 1
        /// URL prefixes never requested (sites that refuse robots, say).
        public var skip: [String] = []

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
                    guard let problem = await probe(url, gate: gate) else { return nil }
                    return .error(site.display(page), line, .externalLink, "external link \(url): \(problem)")
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

    /// Nil when the URL answers with success; the problem otherwise.
    func probe(_ url: String, gate: HostGate) async -> String? {
        guard let target = URL(string: url), let host = target.host else { return "not a valid URL" }
        await gate.enter(host)
        defer { Task { await gate.leave(host) } }
        var problem: String?
        for _ in 0...options.retries {
            problem = await request(target)
            if problem == nil { return nil }
        }
        return problem
    }

    private func request(_ url: URL) async -> String? {
        var request = URLRequest(url: url, timeoutInterval: options.timeout)
        request.httpMethod = "GET"
        request.setValue("theranostics-site-link-checker", forHTTPHeaderField: "User-Agent")
        return await withCheckedContinuation { continuation in
            URLSession.shared.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(returning: error.localizedDescription)
                } else if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<400).contains(status) {
                    continuation.resume(returning: "HTTP status \(status)")
                } else {
                    continuation.resume(returning: nil)
                }
            }.resume()
        }
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
