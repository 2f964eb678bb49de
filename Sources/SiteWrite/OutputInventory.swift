import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output folder holds now, hidden files included, read without
/// following symbolic links (a link is reported, never entered), with
/// `FileTree.entries`: a large site has some 20,000 entries.
struct OutputInventory {
    var files: [String] = []
    var folders: Set<String> = []
    /// Links and anything else that is neither a file nor a folder: the build never writes one.
    var others: [String] = []
    /// Finder's `.DS_Store` files, passed over by the checks (see `list`).
    var finderFiles: [String] = []

    init(reading root: URL) throws {
        let root = root.path
        // The top two levels here, then each folder below them on both cores: a large
        // site has most of its pages below one or two folders (`blog/2026/`).
        var deeper: [String] = []
        for folder in try list(root, "") { deeper += try list(root, folder) }
        let parts = deeper.concurrentMap { folder in
            Result { () throws -> OutputInventory in
                var part = OutputInventory()
                try part.walk(root, folder)
                return part
            }
        }
        for part in parts {
            let part = try part.get()
            files += part.files
            folders.formUnion(part.folders)
            others += part.others
            finderFiles += part.finderFiles
        }
    }

    private init() {}

    private mutating func walk(_ root: String, _ relative: String) throws {
        for path in try list(root, relative) { try walk(root, path) }
    }

    /// Records one folder's entries; returns its subfolders.
    private mutating func list(_ root: String, _ relative: String) throws -> [String] {
        var subfolders: [String] = []
        for (name, type) in try FileTree.entries(relative.isEmpty ? root : root + "/" + relative) {
            let path = relative.isEmpty ? name : relative + "/" + name
            switch type {
            case .folder:
                folders.insert(path)
                subfolders.append(path)
            // Finder's view settings, written into any folder a Mac user opens: nothing to keep.
            case .file where name == ".DS_Store":
                finderFiles.append(path)
            case .file:
                files.append(path)
            case .link, .other:
                others.append(path)
            }
        }
        return subfolders
    }

    enum Finding: Equatable {
        /// A file, folder or link the build did not write.
        case foreign(String)
        /// A file the build wrote, changed since.
        case changed(String)
    }

    /// Against the manifest of the build that wrote the folder: anything not
    /// in it is foreign, any file whose size or hash differs is changed (when
    /// `comparingContents`). Files of the manifest that are gone are no loss.
    func findings(against manifest: OutputManifest, in root: URL, comparingContents: Bool) -> [Finding] {
        let written = Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var findings = folders.subtracting(manifest.folders).map { Finding.foreign($0 + "/") } + others.map(Finding.foreign)
        findings += files.filter { written[$0] == nil }.map(Finding.foreign)
        guard comparingContents else { return findings.sorted { $0.path < $1.path } }
        let root = root.path
        findings += files.filter { written[$0] != nil }.concurrentMap { path -> Finding? in
            guard let record = written[path] else { return .changed(path) }
            if record.isUnchanged(FileStamp(path: root + "/" + path)) { return nil }
            guard let read = FNV1a64.hash(file: root + "/" + path) else { return .changed(path) }
            return read.size == record.size && read.hash == record.fnv1a64 ? nil : .changed(path)
        }.compactMap { $0 }
        return findings.sorted { $0.path < $1.path }
    }

    /// Without a manifest (a folder written before builds kept one): every
    /// file must be one this build writes, so only an earlier build of the
    /// same site is replaced.
    func findings(expecting paths: Set<String>) -> [Finding] {
        let foreign = files.filter { !paths.contains($0) }
            + folders.subtracting(Self.folders(holding: paths)).map { $0 + "/" } + others
        return foreign.sorted().map(Finding.foreign)
    }
}

extension OutputInventory {
    /// Every folder the files need, parents included.
    static func folders(holding paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        let slash = UInt8(ascii: "/")
        for path in paths {
            // Each parent is the path up to a `/`; once one is known, so are all of its parents.
            var end = path.utf8.lastIndex(of: slash)
            while let cut = end, cut > path.startIndex, folders.insert(String(path[..<cut])).inserted {
                end = path.utf8[..<cut].lastIndex(of: slash)
            }
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
