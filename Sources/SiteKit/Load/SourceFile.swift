/// One Markdown file of `content/`, split into front matter and body.
public struct SourceFile {
    /// Path as shown to editors, e.g. `content/services/lutetium-psma.md`.
    public let displayPath: String
    /// Path inside the content folder, e.g. `services/lutetium-psma.md`.
    public let relativePath: String
    public let frontMatter: FrontMatter
    public let body: String
    public let document: MarkdownDocument
    public let outline: MarkdownOutline

    /// The file name without `.md`.
    public var stem: String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// Splits `text` at its front matter fences (`---` lines) and parses both parts.
    public static func parse(_ text: String, displayPath: String, relativePath: String) -> Result<SourceFile, Diagnostic> {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        guard lines.first.map({ $0.trimmingTrailingSpaces() == "---" }) == true else {
            return .failure(.error(displayPath, 1, "missing front matter: the file must start with a line '---', then its fields, then '---'"))
        }
        guard let close = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingSpaces()) }) else {
            return .failure(.error(displayPath, 1, "front matter is not closed: add a line '---' after its last field"))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let frontMatter: FrontMatter
        switch FrontMatter.parse(yaml, file: displayPath, firstLine: 2) {
        case .success(let parsed): frontMatter = parsed
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let body = lines[(close + 1)...].joined(separator: "\n")
        let document = MarkdownDocument(markdown: body, lineOffset: close + 1)
        return .success(SourceFile(displayPath: displayPath, relativePath: relativePath, frontMatter: frontMatter,
                                   body: body, document: document, outline: MarkdownOutline(document)))
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
