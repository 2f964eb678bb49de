import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output folder holds now, hidden files included, read without
/// following symbolic links (a link is reported, never entered).
struct OutputInventory {
    /// Regular files by relative path, with their sizes.
    var files: [String: Int] = [:]
    var folders: Set<String> = []
    /// Links and anything else that is neither a file nor a folder: the build never writes one.
    var others: [String] = []

    init(reading root: URL) throws {
        try walk(root, "")
    }

    private mutating func walk(_ root: URL, _ relative: String) throws {
        let folder = relative.isEmpty ? root : root.appendingPathComponent(relative)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root.appendingPathComponent(path).path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                folders.insert(path)
                try walk(root, path)
            // Finder's view settings, written into any folder a Mac user opens: nothing to keep.
            case S_IFREG where name == ".DS_Store":
                continue
            case S_IFREG:
                files[path] = Int(info.st_size)
            default:
                others.append(path)
            }
        }
    }

    enum Finding: Equatable {
        /// A file, folder or link the build did not write.
        case foreign(String)
        /// A file the build wrote, changed since.
        case changed(String)
    }

    /// Against the manifest of the build that wrote the folder: anything not
    /// in it is foreign, any file whose size or hash differs is changed.
    /// Files of the manifest that are gone are no loss.
    func findings(against manifest: OutputManifest, in root: URL) -> [Finding] {
        let written = Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let knownFolders = Set(manifest.folders)
        var findings = folders.subtracting(knownFolders).map { Finding.foreign($0 + "/") } + others.map(Finding.foreign)
        var toHash: [String] = []
        for (path, size) in files {
            guard let record = written[path] else {
                findings.append(.foreign(path))
                continue
            }
            if record.size != size { findings.append(.changed(path)) } else { toHash.append(path) }
        }
        findings += toHash.concurrentMap { path -> Finding? in
            FNV1a64.hash(contentsOf: root.appendingPathComponent(path)) == written[path]?.fnv1a64 ? nil : .changed(path)
        }.compactMap { $0 }
        return findings.sorted { $0.path < $1.path }
    }

    /// Without a manifest (a folder written before builds kept one): every
    /// file must be one this build writes, so only an earlier build of the
    /// same site is replaced.
    func findings(expecting paths: Set<String>) -> [Finding] {
        let foreign = files.keys.filter { !paths.contains($0) }
            + folders.subtracting(Self.folders(holding: paths)).map { $0 + "/" } + others
        return foreign.sorted().map(Finding.foreign)
    }
}

extension OutputInventory {
    /// Every folder the files need, parents included.
    static func folders(holding paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty, folders.insert(parts.joined(separator: "/")).inserted { parts = parts.dropLast() }
        }
        return folders
    }
}

extension OutputInventory.Finding {
    var path: String {
        switch self {
        case .foreign(let path), .changed(let path): path
        }
    }
}
