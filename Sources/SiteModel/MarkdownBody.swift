import Foundation

/// A content file's Markdown body. Made from bytes known to be UTF-8 (a file
/// unchanged since a build read it whole), it stays those bytes until read
/// as text: a build that takes a page from the last build's output never
/// reads its body (for 10,000 pages, 80 MB not checked and copied again).
/// Made for a file not read at all (its stamp and hash unchanged since the
/// last build), the bytes are read at the first question, and must be the
/// ones the file had: if not, the body is empty and `changedSinceLoad`.
public final class MarkdownBody: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    /// The file's bytes, the body from `start`, until `text` is made from them.
    private var bytes: Data?
    private let start: Int
    /// Reads the file's bytes when first needed: nil when they are no longer the ones expected.
    private var read: (@Sendable () -> Data?)?
    private var changed = false

    public init(_ text: String) {
        self.text = text
        start = 0
    }

    /// `bytes` from `start` on, which must be UTF-8.
    public init(utf8 bytes: Data, from start: Int) {
        self.bytes = bytes
        self.start = start
    }

    /// The bytes `read` gives from `start` on, read at the first question; they must be UTF-8.
    public init(unreadFrom start: Int, read: @escaping @Sendable () -> Data?) {
        self.start = start
        self.read = read
    }

    /// The body as text, made once.
    public var string: String {
        lock.withLock {
            readIfNeeded()
            if let text { return text }
            let made = decodedBytes
            (text, bytes) = (made, nil)
            return made
        }
    }

    /// The body as text, made for one reading and not kept when the body is
    /// still its bytes: a page's render reads its body once, and a text kept
    /// besides the bytes would hold each page's Markdown twice to the build's end.
    public var readOnce: String {
        lock.withLock {
            readIfNeeded()
            return text ?? decodedBytes
        }
    }

    /// The bytes from `start` as text (empty when there are none). Call with the lock held.
    private var decodedBytes: String {
        bytes?.withUnsafeBytes { String(decoding: $0[start...], as: UTF8.self) } ?? ""
    }

    /// Whether the body holds `needle`, searched on its bytes in either form.
    public func contains(_ needle: String) -> Bool {
        lock.withLock {
            readIfNeeded()
            if let text { return text.containsBytes(needle) }
            var needle = needle
            return needle.withUTF8 { needleBytes in
                bytes?.withUnsafeBytes { raw in
                    ByteSearch.contains(needleBytes, in: UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[start...]))
                } ?? false
            }
        }
    }

    /// Whether the file was read after the build loaded it and held other bytes by then.
    public var changedSinceLoad: Bool {
        lock.withLock { changed }
    }

    /// Call with the lock held.
    private func readIfNeeded() {
        guard let read else { return }
        self.read = nil
        if let data = read(), data.count >= start {
            bytes = data
        } else {
            (text, changed) = ("", true)
        }
    }
}
