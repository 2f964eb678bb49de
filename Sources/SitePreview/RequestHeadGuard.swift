import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The preview's front door on 127.0.0.1. FlyingFox 0.27.1 reads a request's
/// head before any handler runs and bounds neither its size nor its time:
/// `HTTPServer.Configuration.timeout` covers the handler only, the buffer
/// sizes cover the body only, and its decoder and connections are internal.
/// So this reads each head itself, answers a head that is too slow (408),
/// too long a target (414), too big (431) or that announces a body (413,
/// the preview takes none), and passes a good one, marked `Connection:
/// close` so that every request on a connection comes through here, to
/// FlyingFox on a Unix socket, copying its answer back.
struct RequestHeadGuard: Sendable {
    static let maxTarget = 8 * 1024
    static let maxHead = 32 * 1024

    let listener: AsyncSocket
    /// The path of FlyingFox's Unix socket.
    let upstream: String
    let pool: any AsyncSocketPool
    var headTimeout: Duration = .seconds(10)

    enum Refusal: String, Sendable {
        case timeout = "408 Request Timeout", bodyGiven = "413 Content Too Large", targetTooLong = "414 URI Too Long"
        case headTooBig = "431 Request Header Fields Too Large", unavailable = "503 Service Unavailable"
    }

    enum Head: Equatable, Sendable {
        case complete([UInt8])
        case refused(Refusal)
    }

    func acceptConnections() async throws {
        for try await client in listener.sockets {
            Task { await serve(client) }
        }
    }

    func serve(_ client: AsyncSocket) async {
        defer { try? client.close() }
        let head: Head
        do {
            head = try await withDeadline(headTimeout) { try await Self.readHead(from: client) } ?? .refused(.timeout)
        } catch {
            return  // the client went away
        }
        switch head {
        case .refused(let refusal): await refuse(client, refusal)
        case .complete(let bytes): await pass(bytes, from: client)
        }
    }

    static func readHead(from client: AsyncSocket) async throws -> Head {
        var buffer: [UInt8] = []
        while true {
            buffer += try await client.read(atMost: 4096)
            if let head = examine(buffer) { return head }
        }
    }

    /// The verdict on the bytes read so far; nil while the head is unfinished and within bounds.
    static func examine(_ buffer: [UInt8]) -> Head? {
        guard let lineEnd = buffer.firstIndex(of: UInt8(ascii: "\n")) else {
            // Room for the method and the version beside the longest target.
            return buffer.count > maxTarget + 64 ? .refused(.targetTooLong) : nil
        }
        let requestLine = buffer[..<lineEnd].split(separator: UInt8(ascii: " "))
        if requestLine.count > 1 && requestLine[1].count > maxTarget { return .refused(.targetTooLong) }
        guard let end = endOfHead(buffer, from: lineEnd) else { return buffer.count > maxHead ? .refused(.headTooBig) : nil }
        if end > maxHead { return .refused(.headTooBig) }
        return rewritten(buffer[..<end])
    }

    /// The index just past the empty line that ends the head.
    static func endOfHead(_ buffer: [UInt8], from start: Int) -> Int? {
        let newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == newline {
                if buffer[index + 1] == newline { return index + 2 }
                if buffer[index + 1] == cr && index + 2 < buffer.count && buffer[index + 2] == newline { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// The head without its own connection headers and with `Connection: close`;
    /// refused when it announces a body.
    static func rewritten(_ head: ArraySlice<UInt8>) -> Head {
        var lines: [[UInt8]] = []
        for line in head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let text = Array(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
            if text.isEmpty { continue }
            if lines.isEmpty {
                lines.append(text)  // the request line
                continue
            }
            let name = String(decoding: text.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(decoding: text.drop { $0 != UInt8(ascii: ":") }.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if name == "transfer-encoding" || (name == "content-length" && value != "0") { return .refused(.bodyGiven) }
            if name == "connection" || name == "keep-alive" { continue }
            lines.append(text)
        }
        lines.append(Array("Connection: close".utf8))
        return .complete(lines.flatMap { $0 + [13, 10] } + [13, 10])
    }

    func pass(_ head: [UInt8], from client: AsyncSocket) async {
        guard let server = try? await AsyncSocket.connected(to: sockaddr_un.unix(path: upstream), pool: pool) else {
            return await refuse(client, .unavailable)
        }
        defer { try? server.close() }
        do {
            try await server.write(Data(head))
            // FlyingFox closes the connection after its answer: the copy ends there, or when the client leaves.
            while true {
                try await client.write(Data(try await server.read(atMost: 4096)))
            }
        } catch {}
    }

    func refuse(_ client: AsyncSocket, _ refusal: Refusal) async {
        let body = refusal.rawValue + "\n"
        let head = "HTTP/1.1 \(refusal.rawValue)\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        try? await client.write(Data((head + body).utf8))
        // A close with unread bytes would reset the connection, and the client
        // could lose the answer: stop sending, then read what is still coming for a moment.
        _ = shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
        _ = try? await withDeadline(.seconds(1)) {
            var drained = 0
            while drained < Self.maxHead { drained += try await client.read(atMost: 4096).count }
        }
    }
}

/// `body`'s result, or nil when `limit` passes first (`body` is then cancelled).
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
