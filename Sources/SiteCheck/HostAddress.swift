import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An address a link's host resolves to, and how far it reaches. A page's
/// links come from whoever wrote the content: `site check --external` must
/// not become a way to probe the machine it runs on or its network, so it
/// does not request addresses of those (see `ExternalLinkChecker`).
struct HostAddress: Equatable, Sendable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), in network order.
    let bytes: [UInt8]

    enum Scope: String, Sendable {
        case loopback, unspecified, `private`, linkLocal = "link-local", `public`
    }

    var scope: Scope {
        if bytes.count == 16 { return v6Scope }
        switch (bytes[0], bytes[1]) {
        case (127, _): return .loopback
        case (0, _): return .unspecified  // 0.0.0.0 reaches the machine itself on Linux
        case (10, _), (172, 16...31), (192, 168): return .private
        case (100, 64...127): return .private  // shared address space (carrier NAT, Tailscale)
        case (169, 254): return .linkLocal
        default: return .public
        }
    }

    private var v6Scope: Scope {
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] == 1 ? .loopback : bytes[15] == 0 ? .unspecified : .public }
        // ::ffff:a.b.c.d is the IPv4 address a.b.c.d.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return HostAddress(bytes: Array(bytes[12...])).scope
        }
        if bytes[0] & 0xfe == 0xfc { return .private }  // fc00::/7, unique local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return .linkLocal }  // fe80::/10
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0xc0 { return .private }  // fec0::/10, the old site-local
        return .public
    }

    var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        return written == nil ? "?" : String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Every address `host` resolves to (the system's resolver, as the request
    /// itself would use it); empty when it does not resolve.
    static func resolve(_ host: String) -> [HostAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [HostAddress] = []
        var entry = list
        while let info = entry?.pointee {
            if info.ai_family == AF_INET, let address = info.ai_addr {
                let ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                addresses.append(HostAddress(bytes: withUnsafeBytes(of: ip) { Array($0) }))
            } else if info.ai_family == AF_INET6, let address = info.ai_addr {
                let ip = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                addresses.append(HostAddress(bytes: withUnsafeBytes(of: ip) { Array($0) }))
            }
            entry = info.ai_next
        }
        return addresses
    }

    /// Why a link to `host` is not requested unless asked, or nil when every
    /// address it resolves to is public. A name that does not resolve is left
    /// to the request, which reports it, except `localhost` and its subdomains.
    static func refusal(host rawHost: String, resolve: (String) -> [HostAddress] = resolve) -> String? {
        let host = rawHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let addresses = resolve(host)
        if let local = addresses.first(where: { $0.scope != .public }) {
            let kind = "\(local.scope == .unspecified ? "an" : "a") \(local.scope.rawValue) address"
            return local.description == host ? "\(host) is \(kind)" : "\(host) resolves to \(local), \(kind)"
        }
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if addresses.isEmpty && (name == "localhost" || name.hasSuffix(".localhost")) { return "\(host) is this machine" }
        return nil
    }
}
