import Foundation
import SiteModel

/// Markdown files' bytes as the build's inputs step read and hashed them,
/// each taken once by the load step: a clean build then reads a file once,
/// not twice (six system calls and a copy of its bytes each time). A file
/// taken is the one its hash was taken of, whatever happened to it since.
public final class ReadFiles: @unchecked Sendable {
    public struct File: Sendable {
        public let bytes: Data
        public let hash: ContentHash

        public init(bytes: Data, hash: ContentHash) {
            self.bytes = bytes
            self.hash = hash
        }
    }

    private let lock = NSLock()
    private var files: [String: File]

    /// `files` by content path.
    public init(_ files: [String: File]) {
        self.files = files
    }

    /// Whether `path` is worth handing over: a Markdown file the loader reads whole at its default
    /// limit (a larger one is read by the loader, which may refuse it unread).
    public static func keeps(_ path: String, size: Int) -> Bool {
        path.hasSuffix(".md") && size <= ContentLoader.defaultMarkdownLimitKB * 1024
    }

    /// The file's bytes and hash, once: nil when not read, or taken already.
    public func take(_ path: String) -> File? {
        lock.withLock { files.removeValue(forKey: path) }
    }
}
