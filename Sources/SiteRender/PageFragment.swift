import Foundation
import SiteModel

/// Where a page's rendered Markdown stands in its HTML file, and what that
/// rendering asked of the site: the href of each link and the size of each
/// image. The rest of the file comes from the page's front matter, the site
/// and the outline's headings and citations; so after an edit to the body
/// alone that keeps those, the file is these bytes replaced by the new
/// body's HTML, rendered with the same answers (see `BodyEdit`).
public struct PageFragment: Sendable, Equatable {
    /// Byte offset and length of the Markdown's HTML in the page's file.
    public var start: Int
    public var length: Int
    /// `ContentHash` of those bytes: checked before they are replaced.
    public var hash: UInt64
    /// Each link destination as written, once, with the href it was given: in the
    /// order the render asked, which is mostly the outline's order of the links
    /// (the cache's records are written from the two side by side, with no table).
    public var answers: [Answer]
    /// Each image destination as written, with its size if it had one.
    public var images: [String: ImageSize?]

    public struct Answer: Sendable, Equatable {
        public let destination: String
        public let href: String

        public init(destination: String, href: String) {
            self.destination = destination
            self.href = href
        }
    }

    public init(start: Int, length: Int, hash: UInt64, answers: [Answer], images: [String: ImageSize?]) {
        self.start = start
        self.length = length
        self.hash = hash
        self.answers = answers
        self.images = images
    }

    public init(start: Int, length: Int, hash: UInt64, hrefs: [String: String], images: [String: ImageSize?]) {
        self.init(start: start, length: length, hash: hash, answers: hrefs.map(Answer.init), images: images)
    }

    /// Each link destination with its href.
    public var hrefs: [String: String] {
        Self.hrefs(answers)
    }

    static func hrefs(_ answers: [Answer]) -> [String: String] {
        Dictionary(answers.map { ($0.destination, $0.href) }, uniquingKeysWith: { first, _ in first })
    }

    /// The same fragment, its answers in any order.
    public static func == (lhs: PageFragment, rhs: PageFragment) -> Bool {
        lhs.start == rhs.start && lhs.length == rhs.length && lhs.hash == rhs.hash && lhs.images == rhs.images
            && lhs.answers.count == rhs.answers.count && lhs.hrefs == rhs.hrefs
    }

    /// The fragment of `html` in `file`: nil unless it stands there exactly
    /// once (a template that showed it twice, or escaped it, has no fragment).
    init?(_ html: String, in file: Data, asked: AskedOfSite) {
        guard !html.isEmpty else { return nil }
        var html = html
        let found = html.withUTF8 { needle -> (Int, UInt64)? in
            file.withUnsafeBytes { haystack -> (Int, UInt64)? in
                let needle = UnsafeRawBufferPointer(needle)
                guard let start = ByteSearch.firstOffset(of: needle, in: haystack) else { return nil }
                let after = start + needle.count
                if ByteSearch.firstOffset(of: needle, in: UnsafeRawBufferPointer(rebasing: haystack[after...])) != nil { return nil }
                return (start, ContentHash.of(UnsafeRawBufferPointer(rebasing: haystack[start..<after])).value)
            }
        }
        guard let (start, hash) = found else { return nil }
        self.init(start: start, length: html.utf8.count, hash: hash, answers: asked.answers, images: asked.images)
    }

    /// The fragment of `html` put at `start` of its file (see `PageBody`).
    init(start: Int, html: [UInt8], asked: AskedOfSite) {
        self.init(start: start, length: html.count, hash: html.withUnsafeBytes(ContentHash.of).value, answers: asked.answers, images: asked.images)
    }

    /// `file` with the fragment's bytes replaced by `html`, if they are still the
    /// ones recorded, and the fragment `html` makes there (with the same answers).
    public func replacing(in file: Data, with html: String) -> (file: Data, fragment: PageFragment)? {
        guard start >= 0, length > 0, start + length <= file.count else { return nil }
        let range = file.startIndex + start..<file.startIndex + start + length
        guard ContentHash.of(file[range]).value == hash else { return nil }
        var replaced = Data(capacity: file.count - length + html.utf8.count)
        replaced.append(file[file.startIndex..<range.lowerBound])
        replaced.append(contentsOf: html.utf8)
        replaced.append(file[range.upperBound...])
        var made = self
        (made.length, made.hash) = (html.utf8.count, ContentHash.of([html]).value)
        return (replaced, made)
    }
}

/// What rendering one page's Markdown asked of the site, answered as it was asked.
final class AskedOfSite {
    /// The hrefs in the order asked, a few looked through by their lengths first (a table
    /// hashed each destination twice, some 2,000 instructions a link); past a few, by a table.
    private(set) var answers: [PageFragment.Answer] = []
    private var index: [String: Int]?
    private(set) var images: [String: ImageSize?] = [:]

    /// Each destination with the href it was given.
    var hrefs: [String: String] {
        PageFragment.hrefs(answers)
    }

    func href(_ destination: String, _ answer: () -> String) -> String {
        if let index {
            if let known = index[destination] { return answers[known].href }
        } else {
            if let known = answers.first(where: { $0.destination.isSame(as: destination) }) { return known.href }
        }
        let href = answer()
        answers.append(PageFragment.Answer(destination: destination, href: href))
        if index != nil {
            index?[destination] = answers.count - 1
        } else if answers.count == FirstUses<String>.few {
            index = Dictionary(answers.enumerated().map { ($1.destination, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return href
    }

    func imageSize(_ destination: String, _ answer: () -> ImageSize?) -> ImageSize? {
        if let known = images[destination] { return known }
        let size = answer()
        images[destination] = size
        return size
    }
}
