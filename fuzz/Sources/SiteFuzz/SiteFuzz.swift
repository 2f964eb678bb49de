import Foundation
import SiteLoad
import SiteMarkdown
import SiteModel
import SitePipeline
import SiteValidate

/// libFuzzer's driver over the content pipeline. Each input is taken, as it
/// is, in each of the ways the build or the tool reads text:
///
/// - as a Markdown file given to `site render` (front matter set aside, the
///   outline, the HTML);
/// - as `site.yaml` (front matter parsing, then the whole validation of the
///   real content under those settings);
/// - as a content file (`SourceFile.parse`, then the whole validation of the
///   real content with the file added, or in place of the real file of the
///   same name, then its body rendered as the page renderer does);
/// - line by line as link destinations and base URLs (`LinkResolver`,
///   `SitePaths`), and as text for `Citation.scan` and `HeadingID.assign`.
///
/// Only crashes, sanitizer reports, leaks and timeouts are findings: what the
/// calls return is not checked here (the tests do that).
///
/// libFuzzer's runtime (linked by `-sanitize=fuzzer`) has the program's main,
/// which calls these two.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = Harness.shared  // loads the real content before the first input
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Harness.shared.check(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// What every input is checked against, made once.
struct Harness: Sendable {
    static let shared = Harness()

    /// The real content folder, loaded as the build loads it.
    let base: LoadedContent
    /// Keys of the real references, as `site render` finds them.
    let citable: Set<String>
    /// Link targets of the real content, for resolving lines on their own.
    let pagePaths: [String: String]
    let anchors: [String: Set<String>]
    /// A fixed day, so that a finding does not depend on the date it was found.
    let validator = ContentValidator(today: Day(year: 2026, month: 11, day: 28))
    /// As `site serve` validates: drafts become pages.
    let previewValidator = ContentValidator(today: Day(year: 2026, month: 11, day: 28), includeDrafts: true)

    /// Where a content file that names no other place of its own is put: a folder below the root, so `../` has somewhere to go.
    static let defaultPath = "services/fuzz-input.md"

    init() {
        // The fuzz package sits in `fuzz/` of the repository; FUZZ_CONTENT may name another content folder.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = ProcessInfo.processInfo.environment["FUZZ_CONTENT"].map { URL(fileURLWithPath: $0) }
            ?? repository.appendingPathComponent("content")
        base = ContentLoader(directory: folder, displayRoot: "content").load()
        guard !base.sources.isEmpty, !base.diagnostics.contains(where: { $0.severity == .error }) else {
            FileHandle.standardError.write(Data("site-fuzz: the content folder \(folder.path) does not load cleanly: \(base.diagnostics)\n".utf8))
            exit(2)
        }
        citable = Set(base.sources.filter { $0.relativePath.hasPrefix("references/") }.map(\.stem))
        let pages = base.sources.filter { !$0.relativePath.hasPrefix("references/") }
        pagePaths = Dictionary(uniqueKeysWithValues: pages.map { ($0.relativePath, SitePaths.urlPath(forContentFile: $0.relativePath)) })
        anchors = Dictionary(uniqueKeysWithValues: pages.map { (SitePaths.urlPath(forContentFile: $0.relativePath), Set($0.outline.headingIDs)) })
    }

    func check(_ bytes: [UInt8]) {
        // `site render` reads its input this way; the loader refuses what is not UTF-8.
        let text = String(decoding: bytes, as: UTF8.self)
        asRenderInput(text)
        asSettings(text)
        asContentFile(text)
        asLines(text)
    }

    /// `site render` of the text, with the real references known.
    func asRenderInput(_ text: String) {
        _ = MarkdownFragment.render(text, file: "<stdin>", citable: citable)
    }

    /// The text as `site.yaml`.
    func asSettings(_ text: String) {
        guard case .success(let settings) = FrontMatter.parse(text, file: "content/site.yaml", firstLine: 1) else { return }
        var content = base
        content.siteSettings = settings
        _ = validator.validate(content)
    }

    /// The text as a content file, validated with the real content and rendered.
    func asContentFile(_ text: String) {
        // A file named as its fields say (a centre's id, a reference's key) stands in for the real file of that name.
        let path = Self.path(claimedBy: text)
        guard case .success(let source) = SourceFile.parse(text, displayPath: "content/" + path, relativePath: path) else { return }
        var content = base
        content.sources.removeAll { $0.relativePath == path }
        content.sources.append(source)
        let (site, _) = validator.validate(content)
        if text.contains("draft:") { _ = previewValidator.validate(content) }
        let outline = source.outline
        let rewrite: (String) -> String
        if let site, let page = site.pages.first(where: { $0.source.relativePath == path }) {
            // As the page renderer does.
            rewrite = { site.href(of: $0, on: page) }
        } else {
            let resolver = resolver(adding: source)
            let pagePath = SitePaths.urlPath(forContentFile: path)
            rewrite = { resolver.resolve($0, from: path).href(fromPage: pagePath) }
        }
        _ = MarkdownRenderer(rewriteLink: rewrite, citationNumbers: outline.citationNumbers).render(source.body, outline: outline)
        // The same body parsed on its own, as a renderer of an older outline would see it.
        let again = MarkdownOutline(markdown: source.body, lineOffset: source.bodyLineOffset)
        _ = MarkdownRenderer().render(source.body, outline: again)
    }

    /// Each line as a link destination (from a file in a folder and from the root) and as a base URL;
    /// the whole text through the citation and heading id scans.
    func asLines(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let resolver = LinkResolver(pagePaths: pagePaths, anchors: anchors, assets: ["images/scan.png"])
        for line in lines {
            for from in [Self.defaultPath, "index.md"] {
                let resolution = resolver.resolve(line, from: from)
                _ = resolution.href(fromPage: SitePaths.urlPath(forContentFile: from))
                if case .problem(let problem) = resolution { _ = problem.message }
                _ = SitePaths.resolve(line, from: from)
            }
            let (path, fragment) = SitePaths.split(line)
            _ = SitePaths.resolve(path.percentDecoded, from: fragment ?? Self.defaultPath)
            _ = SitePaths.scheme(of: line)
            if SitePaths.problem(withBaseURL: line) == nil {
                _ = SitePaths(baseURL: line).absoluteURL(path)
            }
        }
        for citation in Citation.scan(text) {
            _ = text[citation.range]
        }
        _ = HeadingID.assign(lines)
    }

    /// A resolver as validation makes it, with the real pages and this one.
    func resolver(adding source: SourceFile) -> LinkResolver {
        var pagePaths = self.pagePaths
        var anchors = self.anchors
        let urlPath = SitePaths.urlPath(forContentFile: source.relativePath)
        pagePaths[source.relativePath] = urlPath
        anchors[urlPath] = Set(source.outline.headingIDs)
        return LinkResolver(pagePaths: pagePaths, anchors: anchors, assets: [])
    }

    /// `centres/ID.md`, `services/ID.md` or `references/KEY.md` when the text
    /// says so on a line of its own with a plain name; otherwise the default.
    static func path(claimedBy text: String) -> String {
        func value(_ key: String) -> String? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ": ") }) else { return nil }
            let name = line.dropFirst(key.count + 2).trimmingCharacters(in: .whitespaces)
            let plain = !name.isEmpty && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
            return plain ? name : nil
        }
        if text.contains("\nkind: centre"), let id = value("id") { return "centres/\(id).md" }
        if text.contains("\nkind: service"), let id = value("id") { return "services/\(id).md" }
        if text.contains("\nkind: reference"), let key = value("key") { return "references/\(key).md" }
        return defaultPath
    }
}
