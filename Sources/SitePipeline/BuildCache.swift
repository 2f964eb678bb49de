import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiteModel
import SiteValidate
import SiteWrite

/// What the last successful build of an output folder was made from, kept
/// in a folder beside it (`.public.cache/`, never uploaded with the site).
/// The next build into the same folder takes from the previous site every
/// page whose inputs are the same (`InputFingerprint`), and when nothing at
/// all changed and the folder is as that build left it, the whole build is
/// skipped. A missing, unreadable or foreign cache only means a full build.
struct BuildCache: Sendable {
    /// The small part, read first: enough to answer a build with nothing changed.
    struct Summary: Codable, Sendable {
        static let currentVersion = 1
        var version = Summary.currentVersion
        var tool: ToolIdentity
        var whole: String
        /// `InputFingerprint.frame`: a build of the same frame changed bodies alone.
        var frame: String?
        /// Hash of the output's manifest when the cache was written.
        var manifest: String?
        /// Records appended to the cache's files since they were last written whole (`BodyEdit`).
        var appendedRecords: Int?
        var report: CachedReport
    }

    /// What a build with nothing changed reports again.
    struct CachedReport: Codable, Sendable {
        var pages, redirects, centres, references, files, draftsLeftOut, filesPassedOver: Int
        var basePath: String?
        var checked: Bool
        var warnings: [Diagnostic]
    }

    /// One page: the key its output and its editorial findings were made from.
    struct PageRecord: Sendable {
        var outputKey: String
        var editorialKey: String
        var findings: [Diagnostic]

        /// Its line of `pages.tsv` (output paths come from content file names, which hold no tab or line break).
        static func add(_ path: String, outputKey: String, editorialKey: String, to lines: inout TabSeparated.Lines) {
            lines.start(path)
            lines.field(outputKey)
            lines.field(editorialKey)
            lines.end()
        }
    }

    let folder: URL
    var summary: Summary?
    /// By the page's output file.
    var pages: [String: PageRecord] = [:]

    static let summaryFile = "summary.json"
    /// One line a page: output file, output key, content file's editorial key.
    static let pagesFile = "pages.tsv"
    /// Findings of the pages that have any, by output file.
    static let findingsFile = "findings.json"
    /// `OutlineRecords` of the Markdown files the build read.
    static let outlinesFile = "outlines.tsv"
    /// `InputStamps` of the content files.
    static let stampsFile = "inputs.tsv"
    /// `BodyChecks`: the keys of the bodies whose links and citations passed.
    static let bodiesFile = "bodies.tsv"
    /// `FragmentRecords` of the pages.
    static let fragmentsFile = "fragments.tsv"

    /// Reads the cache beside `output`; empty when there is none or it cannot be read.
    static func read(beside output: OutputLocation) -> BuildCache {
        var cache = BuildCache(folder: output.cache)
        guard let data = try? Data(contentsOf: cache.folder.appendingPathComponent(summaryFile)),
              let summary = try? JSONDecoder().decode(Summary.self, from: data),
              summary.version == Summary.currentVersion else { return cache }
        cache.summary = summary
        return cache
    }

    /// Reads the pages' records (only a build that renders needs them).
    mutating func readPages() {
        guard pages.isEmpty,
              let data = try? Data(contentsOf: folder.appendingPathComponent(Self.pagesFile)) else { return }
        let findings = (try? Data(contentsOf: folder.appendingPathComponent(Self.findingsFile)))
            .flatMap { try? JSONDecoder().decode([String: [Diagnostic]].self, from: $0) } ?? [:]
        _ = TabSeparated.read(data) { fields in
            guard fields.count == 3 else { return true }
            let path = TabSeparated.text(fields[0])
            pages[path] = PageRecord(outputKey: TabSeparated.text(fields[1]), editorialKey: TabSeparated.text(fields[2]), findings: findings[path] ?? [])
            return true
        }
    }

    /// The content files' stamps and hashes the last build took.
    func stamps() -> InputStamps? {
        (try? Data(contentsOf: folder.appendingPathComponent(Self.stampsFile))).flatMap(InputStamps.decode)
    }

    /// The outlines the last build made, if the same tool made them.
    func outlines(tool: UInt64) -> CachedOutlines {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(Self.outlinesFile)) else { return CachedOutlines() }
        return OutlineRecords.read(data, tool: tool)
    }

    /// A file of the cache as it is, if it can be read.
    func data(_ name: String) -> Data? {
        try? Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// The pages' fragments the last build kept.
    func fragments() -> CachedFragments {
        data(Self.fragmentsFile).map(FragmentRecords.index) ?? CachedFragments()
    }

    /// The bodies the last build found passing, if the same tool (`salt`) checked them.
    func bodyChecks(salt: UInt64) -> BodyChecks {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(Self.bodiesFile)) else { return BodyChecks(salt: salt) }
        return BodyChecks.decode(data, salt: salt)
    }

    /// The cache's files but its summary, as they are written.
    struct Files: Sendable {
        var pages: Data
        var findings: Data
        var outlines: Data
        var stamps: Data
        var bodies: Data?
        var fragments: Data?

        /// Records to append to the last cache's files, whose other files stay as they are.
        var appending = false

        /// The stamps written whole, not appended, by a build that appends the rest.
        var stampsWhole = false

        /// Records to append to the last cache's pages, outlines, stamps and fragments;
        /// `stampsWhole`: `stamps` is the whole file.
        init(appendingPages pages: Data, outlines: Data, stamps: Data, stampsWhole: Bool = false, fragments: Data) {
            (self.pages, self.findings, self.outlines, self.stamps, self.bodies, self.fragments) = (pages, Data(), outlines, stamps, nil, fragments)
            appending = true
            self.stampsWhole = stampsWhole
        }

        /// `pages` in the site's order, each output file once (a build that made one twice failed).
        init(pages: [(path: String, record: PageRecord)], outlines: Data, stamps: InputStamps, bodies: BodyChecks?, fragments: Data?) {
            var lines = TabSeparated.Lines()
            var findings: [String: [Diagnostic]] = [:]
            for (path, record) in pages {
                PageRecord.add(path, outputKey: record.outputKey, editorialKey: record.editorialKey, to: &lines)
                if !record.findings.isEmpty { findings[path] = record.findings }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            self.pages = Data(lines.bytes)
            self.findings = (try? encoder.encode(findings)) ?? Data("{}".utf8)
            self.outlines = outlines
            self.stamps = stamps.encoded()
            self.bodies = bodies?.encoded()
            self.fragments = fragments
        }
    }

    /// Writes the cache of a build that succeeded, replacing the old one.
    /// Written into a folder of this process's beside it that then takes the
    /// old one's place, so a cache is never half one build's and half
    /// another's: the folder the swap set the old cache aside to, its files
    /// written over in place (on a disk, freeing a file's blocks to write
    /// another costs more than the writing), else a new one. Not synced: a
    /// cache lost to a crash only means a full build.
    static func write(summary: Summary, files: Files, beside output: OutputLocation) throws {
        let folder = output.cache
        let fresh = aside(output)
        let fileManager = FileManager.default
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stamps = [(stampsFile, files.stamps)]
        let appended: [(String, Data)] = files.appending
            ? [(pagesFile, files.pages), (outlinesFile, files.outlines), (fragmentsFile, files.fragments ?? Data())] + (files.stampsWhole ? [] : stamps)
            : []
        let written: [(String, Data)] = files.appending ? (files.stampsWhole ? stamps : [])
            : [(pagesFile, files.pages), (findingsFile, files.findings), (outlinesFile, files.outlines)] + stamps
                + (files.bodies.map { [(bodiesFile, $0)] } ?? []) + (files.fragments.map { [(fragmentsFile, $0)] } ?? [])
        let summaryData = try encoder.encode(summary)
        // Appended onto the files the swap set aside, which must all be there (the findings and
        // bodies kept as they are); the summary, written last, then says what they hold.
        let kept = files.appending ? [findingsFile, bodiesFile] : []
        if !files.appending { try fileManager.createDirectory(at: fresh, withIntermediateDirectories: true) }
        // What an earlier cache held that this one does not (bodies.tsv and fragments.tsv are not always written).
        let names = Set(written.map(\.0) + appended.map(\.0) + kept + [summaryFile])
        for name in (try? fileManager.contentsOfDirectory(atPath: fresh.path)) ?? [] where !names.contains(name) {
            try? fileManager.removeItem(at: fresh.appendingPathComponent(name))
        }
        // The records' files over both cores (some 30 MB for 10,000 pages, the build's last step on one core
        // before); the summary, which says what they hold, after them.
        let records = appended.map { ($0.0, $0.1, OutputWriter.Existing.appended) } + written.map { ($0.0, $0.1, OutputWriter.Existing.overwritten) }
        for written in records.concurrentMap({ name, data, existing in
            Result { try OutputWriter.write(data, to: fresh.appendingPathComponent(name).path, existing: existing) }
        }) {
            try written.get()
        }
        try OutputWriter.write(summaryData, to: fresh.appendingPathComponent(summaryFile).path, existing: .overwritten)
        try? fileManager.removeItem(at: folder)
        try fileManager.moveItem(at: fresh, to: folder)
    }

    /// The stamps file of the cache beside `output` replaced by `stamps`, for a build
    /// that writes nothing else (up to date): written beside it, then renamed over it.
    static func replaceStamps(_ stamps: InputStamps, beside output: OutputLocation) {
        let file = output.cache.appendingPathComponent(stampsFile).path
        let pending = file + "-\(ProcessInfo.processInfo.processIdentifier)"
        // A file a process of the same number left there goes first: the new one is made, never written through.
        unlink(pending)
        do {
            try OutputWriter.write(stamps.encoded(), to: pending, existing: .refused)
            guard rename(pending, file) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(pending)
        }
    }

    /// Where this process sets the cache aside and writes the next one.
    static func aside(_ output: OutputLocation) -> URL {
        URL(fileURLWithPath: output.cache.path + "-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Hash of the output's manifest, which each build that replaces the folder writes anew.
    static func manifestHash(_ output: OutputLocation) -> String? {
        (try? Data(contentsOf: output.manifest)).map { ContentHash.of($0).hex }
    }

    /// Forgets the cache, before the folder it describes is replaced: moved
    /// aside (its files to be written over by this build's, see `write`).
    static func setAside(beside output: OutputLocation) {
        let folder = output.cache, aside = aside(output)
        try? FileManager.default.removeItem(at: aside)
        if rename(folder.path, aside.path) != 0 { try? FileManager.default.removeItem(at: folder) }
    }
}
