import Foundation
import SiteModel
import SiteWrite

/// The site the last build left in the output folder, as its manifest and
/// the cache describe it: which of its pages this build may take as they are.
struct PreviousSite: Sendable {
    let folder: URL
    let written: [String: OutputManifest.File]
    let records: [String: BuildCache.PageRecord]
    let fingerprint: InputFingerprint

    /// `cache` with its pages' records read (`readPages`).
    init(location: OutputLocation, cache: BuildCache?, fingerprint: InputFingerprint) {
        folder = location.folder
        records = cache?.pages ?? [:]
        written = records.isEmpty ? [:] : location.readCarriedManifest()?.filesByPath ?? [:]
        self.fingerprint = fingerprint
    }

    /// Pages made from the same inputs as last time, whose files are still
    /// as the last build wrote them (by size, inode and time), by output file.
    func reusable(_ pages: [Page]) -> [String: OutputFile] {
        guard !records.isEmpty, !written.isEmpty else { return [:] }
        let folderPath = folder.path, opened = try? OpenFolder(path: folderPath)
        let files = pages.concurrentMap { page -> OutputFile? in
            let path = page.outputFile
            guard let record = records[path], record.outputKey == fingerprint.pageKey(page) else { return nil }
            return written[path]?.asWritten(in: folderPath, opened: opened)
        }
        return Dictionary(files.compactMap { $0 }.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The site's other files (the 404 page, `centres.json`, the sitemap, the
    /// styles, images copied from the content), each taken from the last build,
    /// as a page is, when its bytes are those of the file it wrote and that file
    /// is still as written: not written again, nor the old one freed at the swap
    /// (on a disk, freeing a file's blocks can cost milliseconds a file).
    func unchanged(_ files: [OutputFile]) -> [OutputFile] {
        guard !written.isEmpty else { return files }
        let folderPath = folder.path, opened = try? OpenFolder(path: folderPath)
        return files.concurrentMap { file in
            guard let record = written[file.path] else { return file }
            let made: (size: Int, hash: String)?
            switch file.contents {
            case .data(let bytes): made = (bytes.count, FileHash.hash(bytes))
            case .copy(let source): made = FileHash.hash(file: source.path)
            case .previous: return file
            }
            guard let made, made.size == record.size, made.hash == record.hash else { return file }
            return record.asWritten(in: folderPath, opened: opened) ?? file
        }
    }
}
