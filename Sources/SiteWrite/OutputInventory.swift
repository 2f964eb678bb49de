import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output folder holds now, hidden files included, read without
/// following symbolic links (a link is reported, never entered), each folder
/// opened from its parent's (`OpenFolder`): a large site has some 20,000
/// entries. Read `stamping`, each file's stamp is taken by name as its
/// folder is read, for the checks that compare files with the manifest.
struct OutputInventory {
    var files: [String] = []
    /// Each file's stamp, in the order of `files` (nil if it was gone when asked); empty unless read stamping.
    var stamps: [FileStamp?] = []
    var folders: Set<String> = []
    /// Links and anything else that is neither a file nor a folder: the build never writes one.
    var others: [String] = []
    /// Finder's `.DS_Store` files, passed over by the checks (see `Part.list`).
    var finderFiles: [String] = []

    init(reading root: URL, stamping: Bool = false) throws {
        let top = try OpenFolder(path: root.path)
        // The top two levels here, then each folder below them on both cores: a large
        // site has most of its pages below one or two folders (`blog/2026/`).
        var whole = Part(stamping: stamping)
        var deeper: [String] = []
        for (name, path) in try whole.list(top, "") { deeper += try whole.list(OpenFolder(name, in: top), path).map(\.path) }
        let parts = deeper.concurrentMap { folder in
            Result { () throws -> Part in
                var part = Part(stamping: stamping)
                try part.walk(OpenFolder(folder, in: top), folder)
                return part
            }
        }
        for part in parts {
            let part = try part.get()
            whole.files += part.files
            whole.stamps += part.stamps
            whole.folders += part.folders
            whole.others += part.others
            whole.finderFiles += part.finderFiles
        }
        (files, stamps, folders, others, finderFiles) = (whole.files, whole.stamps, Set(whole.folders), whole.others, whole.finderFiles)
    }

    /// What one worker found, in lists (a set is made once, of all).
    private struct Part {
        let stamping: Bool
        var files: [String] = []
        var stamps: [FileStamp?] = []
        var folders: [String] = []
        var others: [String] = []
        var finderFiles: [String] = []

        mutating func walk(_ folder: OpenFolder, _ relative: String) throws {
            for (name, path) in try list(folder, relative) { try walk(OpenFolder(name, in: folder), path) }
        }

        /// Records one folder's entries; returns its subfolders.
        mutating func list(_ folder: OpenFolder, _ relative: String) throws -> [(name: String, path: String)] {
            var subfolders: [(name: String, path: String)] = []
            try folder.forEachEntry(stamping: stamping) { name, type, stamp in
                let path = Self.path(relative, name)
                switch type {
                case .folder:
                    folders.append(path)
                    subfolders.append((String(decoding: name, as: UTF8.self), path))
                // Finder's view settings, written into any folder a Mac user opens: nothing to keep.
                case .file where name.elementsEqual(".DS_Store".utf8):
                    finderFiles.append(path)
                case .file:
                    files.append(path)
                    if stamping { stamps.append(stamp) }
                case .link, .other:
                    others.append(path)
                }
            }
            return subfolders
        }

        /// `relative/name` in one string.
        static func path(_ relative: String, _ name: UnsafeBufferPointer<UInt8>) -> String {
            guard !relative.isEmpty else { return String(decoding: name, as: UTF8.self) }
            var relative = relative
            return relative.withUTF8 { head in
                String(unsafeUninitializedCapacity: head.count + 1 + name.count) { path in
                    _ = path.initialize(fromContentsOf: head)
                    path[head.count] = UInt8(ascii: "/")
                    _ = path[(head.count + 1)...].initialize(fromContentsOf: name)
                    return head.count + 1 + name.count
                }
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
    /// in it is foreign, any file whose size or hash differs is changed (when
    /// `comparingContents`: a file is read unless the inventory, read
    /// stamping, has the stamp it was written with). Files of the manifest
    /// that are gone are no loss.
    func findings(against manifest: OutputManifest, in root: URL, comparingContents: Bool) -> [Finding] {
        var findings = folders.subtracting(manifest.folders).map { Finding.foreign($0 + "/") } + others.map(Finding.foreign)
        // Each file looked up on both cores.
        let (files, stamps, written) = (files, stamps, manifest.lookup)
        let looked = Array(files.indices).concurrentMap { index -> (foreign: String?, unsure: OutputManifest.File?) in
            guard let record = written(files[index]) else { return (files[index], nil) }
            return (nil, comparingContents && !(index < stamps.count && record.isUnchanged(stamps[index])) ? record : nil)
        }
        findings += looked.compactMap { $0.foreign.map(Finding.foreign) }
        let unsure = looked.compactMap(\.unsure)
        let root = root.path
        findings += unsure.concurrentMap { record -> Finding? in
            guard let read = manifest.hashing.hash(file: root + "/" + record.path) else { return .changed(record.path) }
            return read.size == record.size && read.hash == record.hash ? nil : .changed(record.path)
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
