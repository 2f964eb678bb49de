import Foundation
import SiteMarkdown
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Markdown file of `content/`, split into front matter and body.
/// A class, never changed once made, for the reason `Page` is one.
public final class SourceFile: Sendable {
    /// Path as shown to editors, e.g. `content/services/lutetium-psma.md`.
    public let displayPath: String
    /// Path inside the content folder, e.g. `services/lutetium-psma.md`.
    public let relativePath: String
    public let frontMatter: FrontMatter
    public let markdown: MarkdownBody
    /// How many file lines stand before the body.
    public let bodyLineOffset: Int
    /// The body's outline: known from the last build, or made at the first question (see `BodyOutline`).
    public let bodyOutline: BodyOutline
    /// Hash of the file's bytes as read: the key of its outline in the next build's cache.
    public let contentHash: ContentHash?
    /// The front matter's YAML and where the body starts, for a file read as UTF-8 bytes
    /// (no byte order mark or carriage return): kept by the next build's cache.
    public let front: Front?

    /// What a file's bytes hold before its body: with the outline of the body, all a
    /// build needs of a file it takes from the last build's output, without reading it.
    public struct Front: Sendable, Equatable {
        /// The YAML between the fences, every line ending in a line break.
        public var yaml: String
        /// The byte where the body starts.
        public var bodyStart: Int
        public var bodyLineOffset: Int

        public init(yaml: String, bodyStart: Int, bodyLineOffset: Int) {
            self.yaml = yaml
            self.bodyStart = bodyStart
            self.bodyLineOffset = bodyLineOffset
        }
    }

    init(displayPath: String, relativePath: String, frontMatter: FrontMatter, markdown: MarkdownBody, bodyLineOffset: Int,
         outline: BodyOutline, contentHash: ContentHash?, front: Front?) {
        self.displayPath = displayPath
        self.relativePath = relativePath
        self.frontMatter = frontMatter
        self.markdown = markdown
        self.bodyLineOffset = bodyLineOffset
        bodyOutline = outline
        self.contentHash = contentHash
        self.front = front
    }

    /// The body as text.
    public var body: String { markdown.string }

    /// The body's outline, made now if not known.
    public var outline: MarkdownOutline { bodyOutline.outline }

    /// What later stages keep of the file.
    public var pageSource: PageSource {
        PageSource(displayPath: displayPath, relativePath: relativePath, markdown: markdown, bodyLineOffset: bodyLineOffset, outline: bodyOutline)
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
        return normalised.withUTF8 { bytes in
            switch Fences.find(UnsafeRawBufferPointer(bytes)) {
            case .success(let fences):
                let yaml = String(decoding: bytes[fences.yaml], as: UTF8.self)
                let body = MarkdownBody(String(decoding: bytes[fences.body...], as: UTF8.self))
                return make(yaml: yaml, body: body, bodyLineOffset: fences.bodyLineOffset, front: nil, displayPath: displayPath,
                            relativePath: relativePath, contentHash: contentHash, knownOutline: knownOutline)
            case .failure(let problem):
                return .failure(problem.diagnostic(displayPath))
            }
        }
    }

    /// `parse` for the common file, straight from its bytes: UTF-8 with no zero
    /// byte, byte order mark or carriage return, its front matter closed. Its
    /// front matter is made once from the bytes, where `parse` is given the
    /// whole text and copies the body out of it; the body is kept as the bytes
    /// (checked for UTF-8 in place, unless a known outline was made from these
    /// very bytes), made text when a later step reads it. `tooDeep` is asked
    /// once the bytes are known to be text. Nil for any other file: `parse`
    /// reads it as text, and reports what is wrong with it.
    public static func parse(utf8 data: Data, displayPath: String, relativePath: String,
                             contentHash: ContentHash?, knownOutline: MarkdownOutline?,
                             tooDeep: (UnsafeRawBufferPointer) -> Diagnostic?) -> Result<SourceFile, Diagnostic>? {
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, memchr(base, 0, bytes.count) == nil, memchr(base, 0x0D, bytes.count) == nil,
                  case .success(let fences) = Fences.find(bytes),
                  let yaml = String(validating: bytes[fences.yaml], as: UTF8.self),
                  knownOutline != nil || UTF8Check.isValid(UnsafeRawBufferPointer(rebasing: bytes[fences.body...])) else { return nil }
            let body = MarkdownBody(utf8: data, from: fences.body)
            if let deep = tooDeep(bytes) { return .failure(deep) }
            let front = Front(yaml: yaml, bodyStart: fences.body, bodyLineOffset: fences.bodyLineOffset)
            return make(yaml: yaml, body: body, bodyLineOffset: fences.bodyLineOffset, front: front, displayPath: displayPath,
                        relativePath: relativePath, contentHash: contentHash, knownOutline: knownOutline)
        }
    }

    /// A file not read: its front and outline as the last build found them in
    /// the bytes that have `contentHash`, the body read by `read` if a later
    /// step asks for it (see `MarkdownBody`). The front matter is parsed as
    /// when the file is read.
    public static func unread(_ front: Front, outline: MarkdownOutline, displayPath: String, relativePath: String,
                              contentHash: ContentHash, read: @escaping @Sendable () -> Data?) -> Result<SourceFile, Diagnostic> {
        make(yaml: front.yaml, body: MarkdownBody(unreadFrom: front.bodyStart, read: read), bodyLineOffset: front.bodyLineOffset,
             front: front, displayPath: displayPath, relativePath: relativePath, contentHash: contentHash, knownOutline: outline)
    }

    private static func make(yaml: String, body: MarkdownBody, bodyLineOffset: Int, front: Front?, displayPath: String, relativePath: String,
                             contentHash: ContentHash?, knownOutline: MarkdownOutline?) -> Result<SourceFile, Diagnostic> {
        FrontMatter.parse(yaml, file: displayPath, firstLine: 2).map { frontMatter in
            SourceFile(displayPath: displayPath, relativePath: relativePath, frontMatter: frontMatter,
                       markdown: body, bodyLineOffset: bodyLineOffset,
                       outline: knownOutline.map(BodyOutline.init) ?? BodyOutline { MarkdownOutline(markdown: body.string, lineOffset: bodyLineOffset) },
                       contentHash: contentHash,
                       front: front)
        }
    }
}
