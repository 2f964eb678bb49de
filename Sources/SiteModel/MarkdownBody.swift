import Foundation

/// A content file's Markdown body. Made from bytes known to be UTF-8 (a file
/// unchanged since a build read it whole), it stays those bytes until read
/// as text: a build that takes a page from the last build's output never
/// reads its body (for 10,000 pages, 80 MB not checked and copied again).
public final class MarkdownBody: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    /// The file's bytes, the body from `start`, until `text` is made from them.
    private var bytes: Data?
    private let start: Int

    public init(_ text: String) {
        self.text = text
        start = 0
    }

    /// `bytes` from `start` on, which must be UTF-8.
    public init(utf8 bytes: Data, from start: Int) {
        self.bytes = bytes
        self.start = start
    }

    /// The body as text, made once.
    public var string: String {
        lock.withLock {
            if let text { return text }
            let made = bytes?.withUnsafeBytes { String(decoding: $0[start...], as: UTF8.self) } ?? ""
            (text, bytes) = (made, nil)
            return made
        }
    }

    /// Whether the body holds `needle`, searched on its bytes in either form.
    public func contains(_ needle: String) -> Bool {
        lock.withLock {
            if let text { return text.containsBytes(needle) }
            var needle = needle
            return needle.withUTF8 { needleBytes in
                bytes?.withUnsafeBytes { raw in
                    ByteSearch.contains(needleBytes, in: UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[start...]))
                } ?? false
            }
        }
    }
}
