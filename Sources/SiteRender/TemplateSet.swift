import Foundation
import Mustache
import SiteModel

/// The `.mustache` files of the templates folder, parsed, with every partial
/// they name present. Static files (`templates/static/`) are listed too: they
/// are copied to the site root as they are.
public struct TemplateSet: Sendable {
    public static let staticFolder = "static"

    public let library: MustacheLibrary
    public let names: Set<TemplateName>
    public let staticFiles: [String: URL]
    let displayRoot: String

    /// Loads and checks the folder. Nil, with diagnostics, when any template
    /// fails to parse or names a partial that does not exist.
    public static func load(directory: URL, displayRoot: String) -> (TemplateSet?, [Diagnostic]) {
        let files: [String]
        do {
            files = try FileTree.files(in: directory)
        } catch {
            return (nil, [.error(displayRoot, 1, .missingFolder, "cannot read the templates folder: \(error.localizedDescription)")])
        }
        _ = FastHTMLContentType.registered
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var names: Set<TemplateName> = []
        var texts: [String: String] = [:]
        var staticFiles: [String: URL] = [:]
        // Templates that exist but do not parse: partials naming them are not reported again.
        var broken: Set<String> = []
        for path in files {
            if path.hasPrefix(staticFolder + "/") {
                staticFiles[String(path.dropFirst(staticFolder.count + 1))] = directory.appendingPathComponent(path)
                continue
            }
            guard path.hasSuffix(".mustache") else { continue }
            let name = String(path.dropLast(".mustache".count))
            let templateName = TemplateName(rawValue: name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(displayRoot.joiningPath(path), 1, .notUTF8, "cannot read the template as UTF-8 text"))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                names.insert(templateName)
                texts[name] = text
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(name)
                diagnostics.append(.error(displayRoot.joiningPath(path), error.context.lineNumber, .templateSyntax, "template does not parse: \(describe(error.error)) at column \(error.context.columnNumber)"))
            } catch {
                broken.insert(name)
                diagnostics.append(.error(displayRoot.joiningPath(path), 1, .templateSyntax, "template does not parse: \(error)"))
            }
        }
        for name in texts.keys.sorted() {
            for (line, partial) in partials(in: texts[name] ?? "")
            where !names.contains(TemplateName(rawValue: partial)) && !broken.contains(partial) {
                diagnostics.append(.error(displayRoot.joiningPath(name + ".mustache"), line, .missingPartial, "partial '\(partial)' not found: there is no \(displayRoot.joiningPath(partial + ".mustache"))"))
            }
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: library, names: names, staticFiles: staticFiles, displayRoot: displayRoot), diagnostics)
    }

    public func display(_ name: TemplateName) -> String {
        displayRoot.joiningPath(name.fileName)
    }

    public func render(_ view: Any, template name: TemplateName) -> String? {
        library.render(view, withTemplate: name.rawValue)
    }

    /// Partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their lines.
    static func partials(in text: String) -> [(line: Int, name: String)] {
        var found: [(Int, String)] = []
        guard let pattern = try? NSRegularExpression(pattern: #"\{\{\s*[<>]\s*([^}\s]+)\s*\}\}"#) else { return [] }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let string = String(line)
            for match in pattern.matches(in: string, range: NSRange(string.startIndex..., in: string)) {
                if let range = Range(match.range(at: 1), in: string) { found.append((index + 1, String(string[range]))) }
            }
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
