import Foundation
import Mustache
import SiteModel

/// The `.mustache` files of the templates folder, parsed, with every partial
/// they name present. Static files (`templates/static/`) are listed too: they
/// are copied to the site root as they are.
public struct TemplateSet: Sendable {
    public static let staticFolder = "static"
    public static let partialsFolder = "partials"

    public let library: MustacheLibrary
    /// Templates a page may name: the `.mustache` files at the top of the folder.
    public let pages: Set<TemplateName>
    public let staticFiles: [String: URL]
    /// Each template's file as editors name it.
    let files: [String: String]
    /// Whether any template's text holds a NUL byte: it could hold a page's stand-in (`PageBody`).
    let holdsNUL: Bool
    let displayRoot: String
    /// The shapes of page rendered so far (`TemplateSkeleton`).
    let skeletons = TemplateSkeletons()

    /// Loads and checks the folder. Nil, with diagnostics, when any template
    /// fails to parse, names a partial that does not exist or includes
    /// itself; page templates stand at the top, partials and parents in `partials/`.
    public static func load(directory: URL, displayRoot: String) -> (TemplateSet?, [Diagnostic]) {
        let tree: FileTree
        do {
            tree = try FileTree(root: directory)
        } catch {
            return (nil, [.error(displayRoot, 1, .missingFolder, "cannot read the templates folder: \(error.plainDescription)")])
        }
        _ = FastHTMLContentType.registered
        var diagnostics = (tree.links + tree.special).map {
            Diagnostic.error(displayRoot.joiningPath($0), 1, .notARegularFile, "not a regular file: templates must be real files inside the templates folder")
        }
        var pages: Set<TemplateName> = []
        var files: [String: String] = [:]
        var staticFiles: [String: URL] = [:]
        var read: [(path: String, name: String, isPartial: Bool, text: String)] = []
        let directoryPath = directory.path
        for path in tree.files {
            if path.hasPrefix(staticFolder + "/") {
                staticFiles[String(path.dropFirst(staticFolder.count + 1))] = directory.file(path)
                continue
            }
            guard path.hasSuffix(".mustache") else { continue }
            let parts = path.dropLast(".mustache".count).split(separator: "/").map(String.init)
            let isPartial = parts.count == 2 && parts[0] == partialsFolder
            guard parts.count == 1 || isPartial else {
                diagnostics.append(.error(displayRoot.joiningPath(path), 1, .templateSyntax,
                                          "a template stands at the top of the templates folder (a page template) or in \(partialsFolder)/"))
                continue
            }
            let name = parts[parts.count - 1]
            if let other = files[name] {
                diagnostics.append(.error(displayRoot.joiningPath(path), 1, .duplicate, "a template named '\(name)' exists already: \(other)"))
                continue
            }
            files[name] = displayRoot.joiningPath(path)
            guard let data = FileManager.default.contents(atPath: directoryPath.joiningPath(path)),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(displayRoot.joiningPath(path), 1, .notUTF8, "cannot read the template as UTF-8 text"))
                continue
            }
            read.append((path, name, isPartial, text))
        }
        // Each template parses on its own, over both cores: parsing is most of the step.
        let parsed = read.concurrentMap { parse($0.text, file: displayRoot.joiningPath($0.path)) }
        var library = MustacheLibrary()
        var uses: [String: [(line: Int, name: String)]] = [:]
        // Templates that exist but do not parse: partials naming them are not reported again.
        var broken: Set<String> = []
        for (file, result) in zip(read, parsed) {
            switch result {
            case .success(let template):
                library.register(template.template, named: file.name)
                if !file.isPartial { pages.insert(TemplateName(rawValue: file.name)) }
                uses[file.name] = template.partials
            case .failure(let diagnostic):
                broken.insert(file.name)
                diagnostics.append(diagnostic)
            }
        }
        for name in uses.keys.sorted() {
            for (line, partial) in uses[name] ?? [] where uses[partial] == nil && !broken.contains(partial) {
                diagnostics.append(.error(files[name] ?? name, line, .missingPartial,
                                          "partial '\(partial)' not found: there is no \(displayPartial(partial, in: displayRoot))"))
            }
        }
        diagnostics += TemplateCycles.find(uses).map { cycle in
            .error(files[cycle.names[0]] ?? cycle.names[0], cycle.line, .templateCycle,
                   "the template includes itself: \(cycle.names.joined(separator: " → ")) → \(cycle.names[0]) (rendering would never end)")
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        _ = TemplateWarmUp.render()  // on this thread, ahead of the render step (see `TemplateWarmUp`)
        return (TemplateSet(library: library, pages: pages, staticFiles: staticFiles, files: files,
                            holdsNUL: read.contains { $0.text.utf8.contains(0) }, displayRoot: displayRoot), diagnostics)
    }

    private struct Parsed: Sendable {
        var template: MustacheTemplate
        var partials: [(line: Int, name: String)]
    }

    private static func parse(_ text: String, file: String) -> Result<Parsed, Diagnostic> {
        do {
            return .success(Parsed(template: try MustacheTemplate(string: text), partials: partials(in: text)))
        } catch let error as MustacheTemplate.ParserError {
            return .failure(.error(file, error.context.lineNumber, .templateSyntax,
                                   "template does not parse: \(describe(error.error)) at column \(error.context.columnNumber)"))
        } catch {
            return .failure(.error(file, 1, .templateSyntax, "template does not parse: \(error)"))
        }
    }

    public func display(_ name: TemplateName) -> String {
        files[name.rawValue] ?? displayRoot.joiningPath(name.fileName)
    }

    public func render(_ view: some TemplateView, template name: TemplateName) -> String? {
        output(view, template: name)?.text
    }

    /// The page's template rendered with `view`: filled in from a skeleton of the same
    /// shape of page when there is one (`TemplateSkeleton`), else rendered by the library,
    /// through a probe that leaves a skeleton for the pages after it.
    func output(_ view: some TemplateView, template name: TemplateName) -> TemplateOutput? {
        let template = name.rawValue
        guard !holdsNUL else { return library.render(TemplateBox(view), withTemplate: template).map(TemplateOutput.text) }
        for skeleton in skeletons.of(template) {
            guard let texts = skeleton.trace.replay(view) else { continue }
            // The page's shape is known: only a text it escapes could keep it from the skeleton.
            if let output = skeleton.filled(with: texts) { return .bytes(output) }
            return library.render(TemplateBox(view), withTemplate: template).map(TemplateOutput.text)
        }
        if !skeletons.isFull(template) {
            let probe = TemplateProbe(view)
            guard let output = library.render(probe.root, withTemplate: template) else { return nil }
            if !probe.unusable, let skeleton = TemplateSkeleton(output, trace: probe.trace) {
                skeletons.add(skeleton, for: template)
                if let filled = skeleton.filled(with: probe.texts) { return .bytes(filled) }
            }
        }
        return library.render(TemplateBox(view), withTemplate: template).map(TemplateOutput.text)
    }

    /// A partial rendered on its own, to stand in a template as `{{{value}}}` on a line of
    /// its own: without the line break that ends it, since that line has its own.
    func render(_ view: some TemplateView, standingAlone partial: String) -> String? {
        guard let html = library.render(TemplateBox(view), withTemplate: partial) else { return nil }
        // Cut by the index before the end: `dropLast()` here counted every character of the partial's HTML.
        return html.hasSuffix("\n") ? String(html[..<html.index(before: html.endIndex)]) : html
    }

    /// A partial's file as editors name it, whether it exists or not.
    func displayPartial(_ name: String) -> String {
        Self.displayPartial(name, in: displayRoot)
    }

    static func displayPartial(_ name: String, in displayRoot: String) -> String {
        displayRoot.joiningPath("\(partialsFolder)/\(name).mustache")
    }

    /// Partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their lines.
    /// An ASCII template (nearly all) is scanned byte by byte, as `pattern` reads it: splitting
    /// a template into lines and matching each took a third of its parse (bench/README.md).
    /// The expression itself reads the rest (its `\s` holds Unicode's spaces).
    static func partials(in text: String) -> [(line: Int, name: String)] {
        var text = text
        return text.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? scannedPartials(in: bytes) : matchedPartials(in: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A tag naming a partial or a parent; `\s` never matches a line break here, since each line is matched alone.
    static let pattern = #"\{\{\s*[<>]\s*([^}\s]+)\s*\}\}"#

    static func matchedPartials(in text: String) -> [(line: Int, name: String)] {
        var found: [(Int, String)] = []
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        // Split at each line feed, a CRLF's too (as one character, `\r\n` is not `\n`).
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let string = String(decoding: line, as: UTF8.self)
            for match in expression.matches(in: string, range: NSRange(string.startIndex..., in: string)) {
                if let range = Range(match.range(at: 1), in: string) { found.append((index + 1, String(string[range]))) }
            }
        }
        return found
    }

    /// `pattern`'s matches in ASCII text, leftmost first, none across a line break.
    static func scannedPartials(in bytes: UnsafeBufferPointer<UInt8>) -> [(line: Int, name: String)] {
        // `\s` in ASCII but the line feed: tab, vertical tab, form feed, carriage return, space.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D && byte != 0x0A) }
        func spaces(from index: Int) -> Int {
            var index = index
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
            return index
        }
        let brace = UInt8(ascii: "{"), closing = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        var found: [(Int, String)] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == newline { line += 1 }
            guard byte == brace, index + 1 < bytes.count, bytes[index + 1] == brace else {
                index += 1
                continue
            }
            var next = spaces(from: index + 2)
            guard next < bytes.count, bytes[next] == UInt8(ascii: "<") || bytes[next] == UInt8(ascii: ">") else {
                index += 1
                continue
            }
            next = spaces(from: next + 1)
            let start = next
            while next < bytes.count && bytes[next] != closing && bytes[next] != newline && !isSpace(bytes[next]) { next += 1 }
            let end = next
            next = spaces(from: next)
            guard end > start, next + 1 < bytes.count, bytes[next] == closing, bytes[next + 1] == closing else {
                index += 1
                continue
            }
            found.append((line, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
            index = next + 2
        }
        return found
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "bad set-delimiter tag"
        case MustacheTemplate.Error.textInsideInheritSection: return "text inside {{<parent}} outside a {{$block}}"
        case MustacheTemplate.Error.illegalTokenInsideInheritSection: return "a tag inside {{<parent}} outside a {{$block}}"
        default: return "\(error)"
        }
    }
}

/// A template's output: the library's text, or a skeleton's bytes (valid UTF-8: texts
/// put between pieces of the library's output, cut at stand-ins' NUL bytes).
enum TemplateOutput {
    case text(String)
    case bytes([UInt8])

    var text: String {
        switch self {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch self {
        case .text(var text): text.withUTF8(body)
        case .bytes(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }
}
