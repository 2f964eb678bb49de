import Foundation
import SiteEditorial
import SiteLoad
import SiteMarkdown
import SiteModel
import SiteRender
import SiteValidate
import SiteWrite

/// A build after edits to the bodies of a few pages alone, made without
/// the rest of the site. When the last build's frame (`InputFingerprint.frame`:
/// tool, templates, settings, every file's path and front matter, the
/// options) is this build's, no page shows anything of the edited bodies
/// (see `InputFingerprint`), so every other file of the output stays as it
/// is. Each edited page must keep its outline's headings and citations and
/// link to nothing it did not link to before, so that no link anywhere
/// breaks or resolves otherwise; its file is then the last one with its
/// Markdown's HTML (`PageFragment`) replaced by the new body's, rendered with
/// the answers the last rendering had. What a full build would check of the
/// file is checked of it: it reads as the loader reads it, its fields as
/// validation reads them, its body has no placeholder, raw HTML or Markdown
/// finding, and the editorial rules find nothing (the last build found
/// nothing either: its findings stay the site's). The output folder must
/// hold exactly what the last build wrote; the edited files then replace
/// theirs where they stand (`OutputWriter.replace`). Anything else, or
/// anything unread, leaves the build to the full steps, which report it
/// (a file changed in the output by hand) or mend it (one deleted there).
struct BodyEdit: Sendable {
    /// The edited pages' files.
    let pages: [OutputFile]
    /// The last build's manifest, which the output folder holds as it lists.
    let manifest: OutputManifest
    /// The cache's files for the next build.
    let cacheFiles: BuildCache.Files
    /// The last build's counts and warnings, which stay this build's.
    let report: BuildCache.CachedReport
    /// The records appended to the cache's files since they were written whole, this build's included.
    let appendedRecords: Int

    /// More edited files than this go to the full steps.
    static let mostFiles = 16

    /// The build made from the last one, or nil for the full steps.
    static func attempt(_ state: BuildState, cache: BuildCache, fingerprint: InputFingerprint, previousStamps: InputStamps?) -> BodyEdit? {
        // The check step reads the whole site; it needs the full steps.
        guard !state.stages.contains(.check), let summary = cache.summary, summary.frame == fingerprint.frame.hex,
              let previousStamps, previousStamps.records.count == fingerprint.files.count else { return nil }
        var edited: [String] = []
        for (path, hash) in fingerprint.files {
            guard let before = previousStamps.records[path] else { return nil }
            guard before.whole != hash else { continue }
            // The same frame: only Markdown files' bodies can differ.
            guard path.hasSuffix(".md"), edited.count < mostFiles else { return nil }
            edited.append(path)
        }
        // Appended records are read by every build until the full steps write the files whole again:
        // after as many as the site has files (the files at most about twice their size), they do.
        let appended = summary.appendedRecords ?? 0
        guard !edited.isEmpty, appended >= 0, appended <= fingerprint.files.count - edited.count else { return nil }
        let appendedRecords = appended + edited.count
        let location = state.writer.location
        // The output folder, looked at on the other core meanwhile (some 20,000 folders and files for 10,000 pages).
        let writer = state.writer
        let asWritten = Ahead(ownThread: true) { writer.isAsLastWritten() }
        // The fragments mapped, not read: a file of some 20 MB for 10,000 pages, of which one record is wanted.
        guard let manifest = location.readCarriedManifest(),
              let fragments = try? Data(contentsOf: cache.folder.appendingPathComponent(BuildCache.fragmentsFile), options: .alwaysMapped),
              let findings = cache.data(BuildCache.findingsFile).flatMap({ try? JSONDecoder().decode([String: [Diagnostic]].self, from: $0) })
        else { return nil }
        let options = state.options
        let loader = ContentLoader(directory: URL(fileURLWithPath: options.content), displayRoot: options.content)
        let validator = ContentValidator(baseURL: options.baseURL, today: options.today, includeDrafts: options.includeDrafts, strict: options.strict)
        guard let siteSettings = loader.readSiteSettings(), let settings = validator.settings(siteSettings) else { return nil }
        // Its rules need the settings alone (`PageRules`).
        let checker = EditorialChecker(site: Site(settings: settings, pages: [], references: [:], assets: [:], links: [:]))

        var made: [OutputFile] = []
        var records = Data(), outlines = Data(), pageLines = TabSeparated.Lines()
        for path in edited.sorted() {
            guard let record = FragmentRecords.record(of: path, in: fragments),
                  let (outputFile, fileHash, fragment, facts) = FragmentRecords.decode(record),
                  let file = manifest.file(at: outputFile), file.hash == fileHash,
                  findings[outputFile] == nil, !summary.report.warnings.contains(where: { $0.file == options.content.joiningPath(path) }),
                  case .success(let source) = loader.readMarkdownFile(path, settings: siteSettings),
                  let hash = source.contentHash, hash == fingerprint.files[path], keepsWhatOthersSee(source, facts),
                  let page = validator.page(of: source, settings: settings), page.outputFile == outputFile,
                  let (html, text) = render(source, fragment), checker.findings(on: page, text: text).isEmpty else { return nil }
            let filePath = location.folder.path.joiningPath(outputFile)
            guard let stamp = FileStamp(path: filePath), file.isUnchanged(stamp), let old = try? Data(contentsOf: URL(fileURLWithPath: filePath)),
                  old.count == file.size, let (new, next) = fragment.replacing(in: old, with: html) else { return nil }
            made.append(OutputFile(path: outputFile, data: new))
            guard let nextRecords = FragmentRecords.encode(contentPath: path, outputFile: outputFile, fileHash: FileHash.hash(new), next,
                                                           facts: FragmentRecords.Facts(source.outline)) else { return nil }
            records.append(nextRecords)
            outlines.append(OutlineRecords.records(of: [(hash, source.outline, source.front)]))
            BuildCache.PageRecord.add(outputFile, outputKey: fingerprint.pageKey(path), editorialKey: fingerprint.editorialKey(path), to: &pageLines)
        }
        guard asWritten.wait(), manifest.hasCopies(asMadeWith: state.stages.contains(.compress)) else { return nil }
        // The next cache: the last one's files with the edited files' records appended (a file's last records stand for it).
        let stamps = fingerprint.restamps ? fingerprint.stamps.encoded()
            : fingerprint.stamps.encodedRecords(of: fingerprint.readPaths, differingFrom: previousStamps)
        let files = BuildCache.Files(appendingPages: Data(pageLines.bytes), outlines: outlines, stamps: stamps, stampsWhole: fingerprint.restamps,
                                     fragments: records)
        return BodyEdit(pages: made, manifest: manifest, cacheFiles: files, report: summary.report, appendedRecords: appendedRecords)
    }

    /// Whether the body keeps what the site and the page's other parts show of
    /// it (its heading ids, which links name, and its citations in order), links
    /// only where it linked before (each of those resolved then, as it does now),
    /// and holds nothing a full build reports (raw HTML, a Markdown finding, a placeholder).
    static func keepsWhatOthersSee(_ source: SourceFile, _ before: FragmentRecords.Facts) -> Bool {
        let outline = source.outline, linked = Set(before.links)
        return FragmentRecords.Facts.hash(outline.headingIDs) == before.headings && FragmentRecords.Facts.hash(outline.citedKeys) == before.citations
            && outline.links.allSatisfy { linked.contains(.init(destination: $0.destination, isImage: $0.isImage)) }
            && outline.rawHTMLLines.isEmpty && outline.findings.isEmpty && !source.markdown.contains(Placeholder.text)
    }

    /// The body's HTML and words, each link and image given the answer the last
    /// rendering had; nil if it asks what that rendering did not.
    static func render(_ source: SourceFile, _ fragment: PageFragment) -> (html: String, text: MarkdownText.Reading)? {
        final class Unanswered { var asked = false }
        let (unanswered, hrefs) = (Unanswered(), fragment.hrefs)
        let renderer = MarkdownRenderer(
            rewriteLink: { destination in
                if let href = hrefs[destination] { return href }
                unanswered.asked = true
                return destination
            },
            citationNumbers: source.outline.citationNumbers,
            imageSize: { destination in
                if let size = fragment.images[destination] { return size }
                unanswered.asked = true
                return nil
            })
        let rendered = renderer.renderReading(source.body, lineOffset: source.bodyLineOffset, outline: source.outline)
        return unanswered.asked ? nil : rendered
    }
}
