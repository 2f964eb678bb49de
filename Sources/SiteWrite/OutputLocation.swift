import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the output folder really is, and the build's own files beside it:
/// the staging folder, the previous site during the swap, the manifest and
/// the lock. Every path is physical (symbolic links of the parents resolved),
/// so the checks and the swap act on the same folder.
public struct OutputLocation: Sendable {
    /// The output folder, its parent resolved.
    public let folder: URL
    /// The path as it was given, for messages.
    public let display: String
    /// The path read the way Foundation reads it, `..` removed as text; differs from `folder`
    /// only when a symbolic link comes before a `..`.
    let lexical: URL

    public init(_ path: String) {
        display = path
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        folder = URL(fileURLWithPath: Self.physical(absolute))
        lexical = URL(fileURLWithPath: Self.physical(URL(fileURLWithPath: absolute).standardizedFileURL.path))
    }

    var parent: URL { folder.deletingLastPathComponent() }
    public var parentExists: Bool { FileManager.default.fileExists(atPath: parent.path) }
    var name: String { folder.lastPathComponent }

    /// `.public.<suffix>` beside `public`: hidden, and never uploaded with the site.
    func sibling(_ suffix: String) -> URL {
        parent.appendingPathComponent(".\(name).\(suffix)")
    }

    public var manifest: URL { sibling("manifest.tsv") }
    /// The JSON manifest earlier builds of the tool wrote: read while there is
    /// no other, removed once a build writes its replacement.
    var formerManifest: URL { sibling("manifest.json") }

    /// The manifest of the build that wrote the output folder, if there is one.
    public func readManifest() -> OutputManifest? {
        if FileManager.default.fileExists(atPath: manifest.path) { return OutputManifest.read(from: manifest) }
        return OutputManifest.readFormer(from: formerManifest)
    }

    /// The same, when its records may go into this build's manifest: one of FNV-1a's
    /// hashes (an earlier version's) is only checked against, never carried on.
    public func readCarriedManifest() -> OutputManifest? {
        readManifest().flatMap { $0.hashing == .fileHash ? $0 : nil }
    }
    /// What the last build was made from, for the next build to reuse (see `BuildCache`).
    public var cache: URL { sibling("cache") }
    public var lockFile: URL { sibling("lock") }
    /// The site before the last, which the next build makes into its staging folder (see `SpareSite`).
    var spare: URL { sibling("spare") }
    func staging(_ process: Int32) -> URL { sibling("staging-\(process)") }
    func previous(_ process: Int32) -> URL { sibling("old-\(process)") }
    func pendingManifest(_ process: Int32) -> URL { sibling("manifest-\(process)") }

    /// A path below the output folder as messages show it.
    func displayPath(_ relative: String) -> String {
        (display.hasSuffix("/") ? display : display + "/") + relative
    }

    /// Why the output may not be replaced wherever it is, whatever it holds:
    /// the swap replaces it whole, so it may not hold the sources (or the
    /// working folder), lie inside them, or be a link to another folder.
    public func refusals(protecting sources: [URL]) -> [Diagnostic] {
        if lexical.path != folder.path {
            return [.error(display, 1, .outputSymlink, "the output path passes through a symbolic link before '..', so it names \(folder.path), not \(lexical.path): give the folder's real path")]
        }
        if let target = Self.linkTarget(folder.path) {
            return [.error(display, 1, .outputSymlink, "the output folder is a symbolic link to \(target); the build replaces the output folder whole, so it writes only to a real folder: give that folder's own path, or remove the link")]
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return [.error(display, 1, .outputRefused, "the output path is a file, not a folder")]
        }
        let target = folder.path
        for source in sources + [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            let path = Self.physical(source.standardizedFileURL.path)
            if path == target || Self.isBelow(path, target) {
                return [.error(display, 1, .outputRefused, "the output folder holds \(source.relativePath), which the build would replace: choose another output folder")]
            }
        }
        for source in sources where Self.isBelow(target, Self.physical(source.standardizedFileURL.path)) {
            return [.error(display, 1, .outputInSources, "the output folder is inside \(source.relativePath), so every build would read the last one as content or templates: choose a folder outside them")]
        }
        return []
    }

    static func isBelow(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// Where a symbolic link points, or nil when `path` is not one. Told by `lstat`:
    /// Foundation's attributes of a file look up its owner and group by name too,
    /// reading the system's user and group files at every build.
    static func linkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, FileTree.EntryType(mode: info.st_mode) == .link else { return nil }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "another place"
    }

    /// The path with every symbolic link among its parents resolved, and
    /// its last part kept as it is (the output itself may be a link, which
    /// is refused rather than followed). Parts that do not exist yet are kept.
    static func physical(_ absolute: String) -> String {
        let parts = absolute.split(separator: "/").map(String.init)
        guard let last = parts.last else { return "/" }
        if last == "." || last == ".." {
            // `public/..` names a folder by its parent's parent: resolve it whole.
            return resolved("/" + parts.joined(separator: "/"))
        }
        let parent = resolved("/" + parts.dropLast().joined(separator: "/"))
        return (parent == "/" ? "" : parent) + "/" + last
    }

    /// `realpath` of the longest part that exists, the rest appended as text.
    private static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let url = URL(fileURLWithPath: path)
        let last = url.lastPathComponent
        guard path != "/", !last.isEmpty else { return path }
        let parent = resolved(url.deletingLastPathComponent().path)
        switch last {
        case ".": return parent
        case "..": return URL(fileURLWithPath: parent).deletingLastPathComponent().path
        default: return (parent == "/" ? "" : parent) + "/" + last
        }
    }
}
