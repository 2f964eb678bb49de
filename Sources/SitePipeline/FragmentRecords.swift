import Foundation
import SiteModel
import SiteRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each page's `PageFragment` and what others see of its outline, by its
/// content file, kept in the cache (`fragments.tsv`) for a build that changes
/// bodies alone (`BodyEdit`). One record a line, fields split by tabs:
///
///     page <content path> <output file> <start> <length> <fragment's hash> <file's manifest hash> <hash of the lines below>
///     facts <hash of the heading ids> <hash of the cited keys>
///     link <image: 0 or 1> <destination> [<href>]
///     href <destination> <href>
///     image <destination> [<width> <height>]
///
/// A file's later records stand for it (a build of edited bodies appends
/// theirs). A record holds for the output file the manifest gives its hash,
/// and only as a whole (its lines' hash). A fragment with a tab or line
/// break in any of its texts is not kept (that page is then rendered by the
/// full steps); records that do not read are no fragment.
enum FragmentRecords {
    static let header = "site-fragments 1\n"

    /// What a page shows others of its body (its heading ids, its citations in
    /// order, each kept as their hash), and where it links: the last build's,
    /// for an edit to compare.
    struct Facts: Equatable, Sendable {
        var headings: UInt64 = 0
        var citations: UInt64 = 0
        /// Each destination once, in the order of first use.
        var links: [Link] = []

        struct Link: Hashable, Sendable {
            let destination: String
            let isImage: Bool

            /// By the destinations' lengths first (`isSame`): a page's links are told apart in a list.
            static func == (lhs: Link, rhs: Link) -> Bool {
                lhs.isImage == rhs.isImage && lhs.destination.isSame(as: rhs.destination)
            }
        }

        init(_ outline: MarkdownOutline) {
            headings = Self.hash(outline.headingIDs)
            citations = Self.hash(outline.citedKeys)
            var kept = FirstUses<Link>()
            for link in outline.links { kept.insert(Link(destination: link.destination, isImage: link.isImage)) }
            links = kept.elements
        }

        init() {}

        /// The texts in order, each told from the next (`ContentHash` mixes in each one's length).
        static func hash(_ texts: [String]) -> UInt64 {
            var hash = ContentHash()
            for text in texts { hash.add(text) }
            hash.add(UInt64(texts.count))
            return hash.value
        }
    }

    /// A page's records, for its output file with the manifest hash `fileHash`; nil when a text would not stay one field.
    static func encode(contentPath: String, outputFile: String, fileHash: String, _ fragment: PageFragment, facts: Facts) -> Data? {
        lines(fragment, facts: facts).flatMap { record(contentPath: contentPath, outputFile: outputFile, fileHash: fileHash, Pending(fragment, lines: $0)) }
    }

    /// A rendered page's records but their first line, made as the page is rendered: kept
    /// until the build knows its file's manifest hash (some 1.5 KB a page, where the
    /// fragment's dictionaries took several).
    struct Pending: Sendable {
        let start: Int
        let length: Int
        let hash: UInt64
        let lines: Data

        init(_ fragment: PageFragment, lines: Data) {
            (start, length, hash, self.lines) = (fragment.start, fragment.length, fragment.hash, lines)
        }

        /// A rendered page's, with what others see of its `outline`; nil when a text would not stay one field.
        init?(_ fragment: PageFragment, outline: MarkdownOutline) {
            guard let lines = FragmentRecords.lines(fragment, facts: Facts(outline)) else { return nil }
            self.init(fragment, lines: lines)
        }
    }

    /// The lines below a page's first; nil when a text would not stay one field.
    static func lines(_ fragment: PageFragment, facts: Facts) -> Data? {
        var lines = TabSeparated.Lines()
        lines.add("facts", ContentHash(value: facts.headings).hex, ContentHash(value: facts.citations).hex)
        // A link's href on its line (the renderer asks for the href of each); any other href on one of its own.
        // The answers are read beside the links while they come in the same order (each link's is the next);
        // from the first that does not, by a table of them, which also tells the answers no link took.
        let answers = fragment.answers
        var next = 0
        var byDestination: [String: Int]?
        var taken: [Bool] = []
        for link in facts.links {
            var href: String?
            if byDestination == nil, next < answers.count, answers[next].destination.isSame(as: link.destination) {
                href = answers[next].href
                next += 1
            } else {
                if byDestination == nil {
                    byDestination = Dictionary(answers.indices.map { (answers[$0].destination, $0) }, uniquingKeysWith: { first, _ in first })
                    taken = answers.indices.map { $0 < next }
                }
                if let index = byDestination?[link.destination] {
                    href = answers[index].href
                    taken[index] = true
                }
            }
            if let href {
                lines.add("link", link.isImage ? "1" : "0", link.destination, href)
            } else {
                lines.add("link", link.isImage ? "1" : "0", link.destination)
            }
        }
        for (index, answer) in answers.enumerated() where byDestination == nil ? index >= next : !taken[index] {
            lines.add("href", answer.destination, answer.href)
        }
        for (destination, size) in fragment.images {
            if let size { lines.add("image", destination, String(size.width), String(size.height)) } else { lines.add("image", destination) }
        }
        // Kept until the cache is written: copied to its size.
        return lines.whole ? Data(lines.bytes) : nil
    }

    /// A page's records: its first line, for its output file with the manifest hash `fileHash`, and the rest.
    static func record(contentPath: String, outputFile: String, fileHash: String, _ pending: Pending) -> Data? {
        var data = Data()
        return append(contentPath: contentPath, outputFile: outputFile, fileHash: fileHash, pending, to: &data) ? data : nil
    }

    /// The same, appended to `data`; false, with nothing appended, when a text would not stay one field.
    static func append(contentPath: String, outputFile: String, fileHash: String, _ pending: Pending, to data: inout Data) -> Bool {
        var page = TabSeparated.Lines()
        page.start("page")
        page.field(contentPath)
        page.field(outputFile)
        page.field(pending.start)
        page.field(pending.length)
        page.field(ContentHash(value: pending.hash).hex)
        page.field(fileHash)
        page.field(ContentHash.of(pending.lines).hex)
        page.end()
        guard page.whole else { return false }
        data.append(contentsOf: page.bytes)
        data.append(pending.lines)
        return true
    }

    /// The records of every page, in the site's order: a page rendered now has its
    /// new fragment's, one taken from the last build the records that build kept.
    /// `fileHashes`: the manifest hash of each file rendered.
    static func encode(_ pages: [Page], rendered: RenderedPages<Pending?>, fileHashes: [String: String], cached: CachedFragments?) -> Data {
        var data = Data(header.utf8)
        for page in pages {
            let path = page.source.relativePath
            if let made = rendered.value(of: page) {
                if let pending = made, let fileHash = fileHashes[page.outputFile] {
                    _ = append(contentPath: path, outputFile: page.outputFile, fileHash: fileHash, pending, to: &data)
                }
            } else if let records = cached?.record(of: path) {
                data.append(records)
            }
        }
        return data
    }

    /// Where each content file's records stand in `data` (`fragments.tsv`); none when it is not such records.
    static func index(_ data: Data) -> CachedFragments {
        guard data.starts(with: Data(header.utf8)), data.last == 0x0A else { return CachedFragments() }
        var records: [String: Range<Int>] = [:]
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var current: (path: String, start: Int)?
            var lineStart = header.utf8.count
            while lineStart < bytes.count, let newline = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
                let lineEnd = base.distance(to: UnsafeRawPointer(newline))
                let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if line.starts(with: "page\t".utf8) {
                    if let current { records[current.path] = current.start..<lineStart }
                    let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
                    current = fields.count == 8 ? (String(decoding: fields[1], as: UTF8.self), lineStart) : nil
                }
                lineStart = lineEnd + 1
            }
            if let current { records[current.path] = current.start..<bytes.count }
        }
        return CachedFragments(data: data, records: records)
    }

    /// One content file's last records in `data`, copied out, found from the end
    /// without reading the others' (`index` reads them all).
    static func record(of contentPath: String, in data: Data) -> Data? {
        guard data.starts(with: Data(header.utf8)), data.last == 0x0A else { return nil }
        var key = "\npage\t\(contentPath)\t", next = "\npage\t"
        let found = key.withUTF8 { key in
            data.withUnsafeBytes { ByteSearch.lastOffset(of: UnsafeRawBufferPointer(key), in: $0) }
        }
        guard let found else { return nil }
        // To the next file's first line, or the end.
        let end = next.withUTF8 { next in
            data.withUnsafeBytes { bytes in
                ByteSearch.firstOffset(of: UnsafeRawBufferPointer(next), in: UnsafeRawBufferPointer(rebasing: bytes[(found + 1)...])).map { found + 2 + $0 }
            }
        } ?? data.count
        return Data(data[data.startIndex + found + 1..<data.startIndex + end])
    }

    /// The output file with its manifest hash, the fragment and the facts of one page's records, as `encode` wrote them.
    static func decode(_ record: Data) -> (outputFile: String, fileHash: String, fragment: PageFragment, facts: Facts)? {
        var page: (String, Int, Int, UInt64, String)?
        var facts: Facts?
        var hrefs: [String: String] = [:]
        var images: [String: ImageSize?] = [:]
        let whole = TabSeparated.read(record) { fields in
            let text = { (index: Int) in TabSeparated.text(fields[index]) }
            let named = { (name: StaticString) in TabSeparated.equals(fields[0], name) }
            if named("page") {
                guard page == nil, fields.count == 8, let start = TabSeparated.unsigned(fields[3]).flatMap({ Int(exactly: $0) }),
                      let length = TabSeparated.unsigned(fields[4]).flatMap({ Int(exactly: $0) }),
                      let hash = TabSeparated.hash(fields[5]), let lines = TabSeparated.hash(fields[7]) else { return false }
                // The lines below, whole: a record cut or changed is none.
                let end = fields[7].endIndex + 1
                var rest = ContentHash()
                record.withUnsafeBytes { rest.add(UnsafeRawBufferPointer(rebasing: $0[end...])) }
                guard rest.value == lines else { return false }
                page = (text(2), start, length, hash, text(6))
                return true
            }
            guard page != nil else { return false }
            if named("facts"), facts == nil, fields.count == 3, let headings = TabSeparated.hash(fields[1]),
               let citations = TabSeparated.hash(fields[2]) {
                var read = Facts()
                (read.headings, read.citations) = (headings, citations)
                facts = read
            } else if named("link"), facts != nil, fields.count == 3 || fields.count == 4, let image = TabSeparated.unsigned(fields[1]), image <= 1 {
                facts?.links.append(.init(destination: text(2), isImage: image == 1))
                if fields.count == 4 { hrefs[text(2)] = text(3) }
            } else if named("href"), fields.count == 3 {
                hrefs[text(1)] = text(2)
            } else if named("image"), fields.count == 2 {
                images[text(1)] = .some(nil)
            } else if named("image"), fields.count == 4,
                      let width = TabSeparated.unsigned(fields[2]).flatMap({ Int(exactly: $0) }),
                      let height = TabSeparated.unsigned(fields[3]).flatMap({ Int(exactly: $0) }) {
                images[text(1)] = ImageSize(width: width, height: height)
            } else {
                return false
            }
            return true
        }
        guard whole, let (outputFile, start, length, hash, fileHash) = page, let facts else { return nil }
        return (outputFile, fileHash, PageFragment(start: start, length: length, hash: hash, hrefs: hrefs, images: images), facts)
    }
}

/// Fragments from the cache, with where each content file's records stand.
struct CachedFragments: Sendable {
    var data = Data()
    var records: [String: Range<Int>] = [:]

    func record(of contentPath: String) -> Data? {
        records[contentPath].map { data[data.startIndex + $0.lowerBound..<data.startIndex + $0.upperBound] }
    }
}
