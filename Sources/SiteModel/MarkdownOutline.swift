/// What validation and the checker need to know about a Markdown body: its
/// heading ids, the links and images it makes, the citations it uses and any
/// raw HTML in it, each with its file line. Made by the Markdown stage.
public struct MarkdownOutline: Sendable, Equatable {
    public struct Link: Equatable, Sendable {
        public let destination: String
        public let line: Int
        public let isImage: Bool

        public init(destination: String, line: Int, isImage: Bool) {
            self.destination = destination
            self.line = line
            self.isImage = isImage
        }
    }

    public struct CitationUse: Equatable, Sendable {
        public let keys: [String]
        public let line: Int

        public init(keys: [String], line: Int) {
            self.keys = keys
            self.line = line
        }
    }

    /// A problem of the Markdown as written (a table without a header row,
    /// an image without alt text), on its file line.
    public struct Finding: Equatable, Sendable {
        public let line: Int
        public let reason: Reason
        public let message: String

        public init(line: Int, reason: Reason, message: String) {
            self.line = line
            self.reason = reason
            self.message = message
        }
    }

    public var headingIDs: [String] = []
    public var links: [Link] = []
    public var citations: [CitationUse] = []
    /// Lines of raw HTML blocks and inline tags, which the renderer drops.
    public var rawHTMLLines: [Int] = []
    public var findings: [Finding] = []

    public init() {}

    /// Citation keys in order of first use: the numbering of the page's reference list.
    public var citedKeys: [String] {
        var keys = FirstUses<String>()
        for citation in citations {
            for key in citation.keys { keys.insert(key) }
        }
        return keys.elements
    }

    /// The page's citation numbers by key.
    public var citationNumbers: [String: Int] {
        Dictionary(uniqueKeysWithValues: citedKeys.enumerated().map { ($1, $0 + 1) })
    }
}
