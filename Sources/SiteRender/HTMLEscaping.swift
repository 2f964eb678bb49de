import Mustache
import SiteModel

/// The HTML escaping of swift-mustache, with the same five entities, done on
/// UTF-8 bytes with a fast path for text that needs none (nearly all of it).
/// Templates ask for it with `{{% CONTENT_TYPE: HTML}}`; one that does not
/// gets swift-mustache's own, which writes the same bytes, only slower.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var copy = text
        guard copy.withUTF8({ $0.contains(where: HTMLEscaping.isSpecial) }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        copy.withUTF8 { HTMLEscaping.append(escaping: $0, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Registered before any template is parsed (the pragma is resolved then).
    static let registered: Void = MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
}

/// The five characters HTML templates escape, and their entities.
enum HTMLEscaping {
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27
    }

    static func append(escaping text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        for byte in text {
            switch byte {
            case 0x3C: bytes.append(literal: "&lt;")
            case 0x3E: bytes.append(literal: "&gt;")
            case 0x26: bytes.append(literal: "&amp;")
            case 0x22: bytes.append(literal: "&quot;")
            case 0x27: bytes.append(literal: "&#39;")
            default: bytes.append(byte)
            }
        }
    }
}
