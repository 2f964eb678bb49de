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
        written = records.isEmpty ? [:] : Dictionary(
            (location.readManifest()?.files ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.fingerprint = fingerprint
    }

    /// Pages made from the same inputs as last time, whose files are still
    /// as the last build wrote them (by size, inode and time), by output file.
    func reusable(_ pages: [Page]) -> [String: OutputFile] {
        guard !records.isEmpty, !written.isEmpty else { return [:] }
        let folderPath = folder.path
        let files = pages.concurrentMap { page -> OutputFile? in
            let path = page.outputFile
            guard let record = records[path], record.outputKey == fingerprint.pageKey(page), let file = written[path] else { return nil }
            let filePath = folderPath.joiningPath(path)
            guard let stamp = FileStamp(path: filePath), file.isUnchanged(stamp) else { return nil }
            return OutputFile(path: path, reusing: filePath, size: file.size, fnv1a64: file.fnv1a64, stamp: stamp)
        }
        return Dictionary(files.compactMap { $0 }.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
