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
    /// Each link destination as written, with the href it was given.
    public var hrefs: [String: String]
    /// Each image destination as written, with its size if it had one.
    public var images: [String: ImageSize?]

    public init(start: Int, length: Int, hash: UInt64, hrefs: [String: String], images: [String: ImageSize?]) {
        self.start = start
        self.length = length
        self.hash = hash
        self.hrefs = hrefs
        self.images = images
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
        self.init(start: start, length: html.utf8.count, hash: hash, hrefs: asked.hrefs, images: asked.images)
    }

    /// The fragment of `html` put at `start` of its file (see `PageBody`).
    init(start: Int, html: [UInt8], asked: AskedOfSite) {
        self.init(start: start, length: html.count, hash: html.withUnsafeBytes(ContentHash.of).value, hrefs: asked.hrefs, images: asked.images)
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
    private var asked: [(destination: String, href: String)] = []
    private var index: [String: Int]?
    private(set) var images: [String: ImageSize?] = [:]

    /// Each destination with the href it was given.
    var hrefs: [String: String] {
        var hrefs = [String: String](minimumCapacity: asked.count)
        for (destination, href) in asked { hrefs[destination] = href }
        return hrefs
    }

    func href(_ destination: String, _ answer: () -> String) -> String {
        if let index {
            if let known = index[destination] { return asked[known].href }
        } else {
            if let known = asked.first(where: { $0.destination.isSame(as: destination) }) { return known.href }
        }
        let href = answer()
        asked.append((destination, href))
        if index != nil {
            index?[destination] = asked.count - 1
        } else if asked.count == FirstUses<String>.few {
            index = Dictionary(asked.enumerated().map { ($1.destination, $0) }, uniquingKeysWith: { first, _ in first })
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
