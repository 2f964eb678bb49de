import SiteMarkdown
import SiteModel

/// One Markdown file of `content/`, split into front matter and body.
public struct SourceFile: Sendable {
    /// Path as shown to editors, e.g. `content/services/lutetium-psma.md`.
    public let displayPath: String
    /// Path inside the content folder, e.g. `services/lutetium-psma.md`.
    public let relativePath: String
    public let frontMatter: FrontMatter
    public let body: String
    /// How many file lines stand before the body.
    public let bodyLineOffset: Int
    public let outline: MarkdownOutline
    /// Hash of the file's bytes as read: the key of its outline in the next build's cache.
    public let contentHash: ContentHash?

    /// What later stages keep of the file.
    public var pageSource: PageSource {
        PageSource(displayPath: displayPath, relativePath: relativePath, body: body, bodyLineOffset: bodyLineOffset, outline: outline)
    }

    /// The file name without `.md`.
    public var stem: String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// Splits `text` at its front matter fences (`---` lines) and parses both parts;
    /// `contentHash` is the hash of the file's bytes, and `knownOutline` the body's
    /// outline when an earlier build made it from the same bytes.
    public static func parse(_ text: String, displayPath: String, relativePath: String,
                             contentHash: ContentHash? = nil, knownOutline: MarkdownOutline? = nil) -> Result<SourceFile, Diagnostic> {
        var normalised = text.containsBytes("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        if normalised.hasPrefix("\u{FEFF}") { normalised.removeFirst() }
        // Walk the lines only as far as the closing fence; the body is the rest, as it is.
        var lineNumber = 0
        var opening: Substring.Index?
        var yamlRange: Range<String.Index>?
        var bodyStart = normalised.endIndex
        var lineStart = normalised.startIndex
        while lineStart < normalised.endIndex {
            // No "\r\n" is left, so each "\n" byte is a character of its own: found on the bytes.
            let lineEnd = normalised.utf8[lineStart...].firstIndex(of: 0x0A) ?? normalised.endIndex
            let line = normalised[lineStart..<lineEnd].trimmingTrailingSpaces()
            lineNumber += 1
            let next = lineEnd < normalised.endIndex ? normalised.index(after: lineEnd) : lineEnd
            if lineNumber == 1 {
                guard line == "---" else { break }
                opening = next
            } else if line == "---" || line == "..." {
                yamlRange = (opening ?? lineStart)..<lineStart
                bodyStart = next
                break
            }
            lineStart = next
        }
        guard opening != nil else {
            return .failure(.error(displayPath, 1, .missingFrontMatter, "missing front matter: the file must start with a line '---', then its fields, then '---'"))
        }
        guard let yamlRange else {
            return .failure(.error(displayPath, 1, .unclosedFrontMatter, "front matter is not closed: add a line '---' after its last field"))
        }
        let frontMatter: FrontMatter
        switch FrontMatter.parse(String(normalised[yamlRange]), file: displayPath, firstLine: 2) {
        case .success(let parsed): frontMatter = parsed
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let body = String(normalised[bodyStart...])
        return .success(SourceFile(displayPath: displayPath, relativePath: relativePath, frontMatter: frontMatter,
                                   body: body, bodyLineOffset: lineNumber,
                                   outline: knownOutline ?? MarkdownOutline(markdown: body, lineOffset: lineNumber), contentHash: contentHash))
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
