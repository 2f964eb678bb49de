import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `site build --compress`: beside each text file of the staged site, its
/// `.gz` and `.br` (see `ContentEncoding`), each only where it is smaller.
/// Compressing is the slow part, so a file the last build wrote with the
/// same bytes (by the manifest) gets that build's copies from the output
/// folder, hard-linked, after their bytes are checked against its manifest.
extension OutputWriter.Staged {
    public static let compressedExtensions: Set<String> = ["html", "css", "js", "json", "xml", "txt", "svg"]

    /// The files a build compresses: text, by its extension.
    static func isText(_ file: OutputManifest.File) -> Bool {
        isText(file.path)
    }

    /// As `pathExtension` tells it (none for a name that starts with its only dot), without
    /// making an `NSString` of each path: a one-page edit asks this of the whole site's.
    static func isText(_ path: String) -> Bool {
        let bytes = path.utf8
        let name = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        guard let dot = bytes[name...].lastIndex(of: UInt8(ascii: ".")), dot != name else { return false }
        return compressedExtensions.contains(String(path[bytes.index(after: dot)...]))
    }

    /// `data` compressed, or nil where that is not worth a file (the host then sends the plain one): tiny files.
    static func copy(of data: Data, as encoding: ContentEncoding) throws -> Data? {
        guard let encoded = encoding.encode(data) else { throw WriteFailure(description: "\(encoding.rawValue) failed") }
        return encoded.count < data.count ? encoded : nil
    }

    /// Where a text file's compressed copies go: `index.html.gz` and `index.html.br`.
    static func copyPaths(of file: OutputManifest.File) -> [String] {
        ContentEncoding.allCases.map { file.path + $0.suffix }
    }

    /// How many text files were compressed, and how many took the last build's copies (or, where
    /// it found compressing not worth it, its decision).
    public struct Precompressed: Sendable {
        public var compressed = 0
        public var reused = 0
    }

    /// The staged site with the compressed copies written and in its manifest.
    public func compressingTextFiles() throws -> (staged: Self, counts: Precompressed) {
        let last = location.readCarriedManifest()
        let reusable = last?.compression == ContentEncoding.settings ? last?.filesByPath ?? [:] : [:]
        let written = Set(manifest.files.map(\.path))
        let texts = manifest.files.filter(Self.isText)
        if let clash = texts.lazy.flatMap(Self.copyPaths).first(where: written.contains) {
            throw WriteFailure(description: "\(clash): the site has a file where the build puts a compressed copy of another")
        }
        // Spread over the cores: each file is compressed on its own.
        let roots = (staged: folder.path, last: location.folder.path)
        let results = texts.concurrentMap { file -> Result<(files: [OutputManifest.File], reused: Bool), WriteFailure> in
            do {
                return .success(try compress(file, reusing: reusable, roots: roots))
            } catch {
                return .failure(WriteFailure(description: "\(file.path): cannot compress: \(error.plainDescription)"))
            }
        }
        var counts = Precompressed(), added: [OutputManifest.File] = []
        for result in results {
            let (files, reused) = try result.get()
            added += files
            if reused { counts.reused += 1 } else { counts.compressed += 1 }
        }
        var extended = OutputManifest(folders: manifest.folders, files: manifest.files + added)
        extended.compression = ContentEncoding.settings
        return (Self(folder: folder, location: location, manifest: extended), counts)
    }

    /// The file's compressed copies; `reused` when all came from the last build.
    private func compress(_ file: OutputManifest.File, reusing last: [String: OutputManifest.File], roots: (staged: String, last: String)) throws
        -> (files: [OutputManifest.File], reused: Bool) {
        try InterruptCleanup.shared.checkpoint()
        let unchanged = last[file.path].map { $0.size == file.size && $0.hash == file.hash } ?? false
        var plain: Data?
        var copies: [OutputManifest.File] = []
        var reused = unchanged
        for encoding in ContentEncoding.allCases {
            let path = file.path + encoding.suffix
            if unchanged {
                // Without a copy, the last build found it not worth one: the same bytes would not be now.
                guard let record = last[path] else { continue }
                if let stamp = linkLastCopy(record, roots: roots) {
                    copies.append(.init(path: record.path, size: record.size, hash: record.hash, stamp: stamp))
                    continue
                }
            }
            reused = false
            let data = try plain ?? Data(contentsOf: URL(fileURLWithPath: roots.staged.joiningPath(file.path), isDirectory: false), options: .mappedIfSafe)
            plain = data
            guard let encoded = try Self.copy(of: data, as: encoding) else { continue }
            let destination = roots.staged.joiningPath(path)
            try OutputWriter.write(encoded, to: destination, existing: .refused)
            // Stamped as the pages are, so a build with nothing changed finds the output as it wrote it.
            copies.append(.init(path: path, size: encoded.count, hash: FileHash.hash(encoded), stamp: FileStamp(path: destination)))
        }
        return (copies, reused)
    }

    /// The last build's copy into the staged site: linked (copied where the
    /// file system cannot link), kept only if its bytes are the ones that build
    /// wrote; its stamp there, or nil when it is not kept.
    private func linkLastCopy(_ record: OutputManifest.File, roots: (staged: String, last: String)) -> FileStamp? {
        let source = roots.last.joiningPath(record.path)
        let destination = roots.staged.joiningPath(record.path)
        if link(source, destination) != 0 {
            guard (try? FileManager.default.copyItem(atPath: source, toPath: destination)) != nil else { return nil }
        }
        guard let read = FileHash.hash(file: destination), read.size == record.size, read.hash == record.hash,
              let stamp = FileStamp(path: destination) else {
            unlink(destination)
            return nil
        }
        return stamp
    }
}

extension OutputManifest {
    /// Whether its compressed copies are the ones a build makes with `compressing`:
    /// none without, copies at this tool's levels with.
    public func hasCopies(asMadeWith compressing: Bool) -> Bool {
        compression == (compressing ? ContentEncoding.settings : nil)
    }
}
