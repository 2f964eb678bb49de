import Foundation
import SiteLoad
import SiteModel

/// The files whose bodies passed the link and citation checks, each by a
/// key of its own bytes and of everything its links and citations may name
/// (every page with its anchors, the site's files and references, the
/// drafts a build leaves out). A body whose key an earlier build found
/// passing passes again: an edit to one page checks that page alone, unless
/// it changed what others link to (a heading, a file, a reference).
public struct BodyChecks: Sendable, Equatable {
    /// Made part of every key: the tool's hash, since another build of the tool may check differently.
    public let salt: UInt64
    public var passed: Set<UInt64>

    public init(salt: UInt64, passed: Set<UInt64> = []) {
        self.salt = salt
        self.passed = passed
    }

    /// The hash of every link target of the site; `anchors` by content path, each page's hashed by `PageAnchors.hash`.
    static func targets(salt: UInt64, anchors: [(path: String, hash: UInt64)], unreadable: [String], assets: some Collection<String>,
                        citable: Set<String>, unpublished: [String: String]) -> ContentHash {
        var hash = ContentHash()
        hash.add(salt)
        for (path, ids) in anchors {
            hash.add(path)
            hash.add(ids)
        }
        for part in [unreadable, assets.sorted(), citable.sorted(), unpublished.keys.sorted()] {
            for item in part { hash.add(item) }
            hash.add(UInt64(part.count))
        }
        return hash
    }

    /// A body's key; nil for a file loaded without its hash.
    static func key(of source: SourceFile, targets: ContentHash) -> UInt64? {
        guard let contentHash = source.contentHash else { return nil }
        var key = targets
        key.add(source.relativePath)
        key.add(contentHash.value)
        return key.value
    }

    /// One key a line, in 16 hex digits.
    public func encoded() -> Data {
        var lines = ""
        lines.reserveCapacity(passed.count * 17)
        for key in passed.sorted() { lines += ContentHash(value: key).hex + "\n" }
        return Data(lines.utf8)
    }

    /// Keys as `encoded()` writes them; a line that is not one is passed over (that body is checked again).
    public static func decode(_ data: Data, salt: UInt64) -> BodyChecks {
        var checks = BodyChecks(salt: salt)
        _ = TabSeparated.read(data) { fields in
            if fields.count == 1, let key = TabSeparated.hash(fields[0]) { checks.passed.insert(key) }
            return true
        }
        return checks
    }
}
