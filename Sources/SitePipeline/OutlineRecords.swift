import Foundation
import SiteLoad
import SiteModel

/// The outlines of the Markdown files a build read, kept for the next build
/// by the hash of each file's bytes, with the tool that made them (another
/// tool may outline differently), and the front of each file read as UTF-8
/// bytes: with both, the next build need not read a file whose stamp is
/// unchanged (`ContentLoader.knownFronts`). One record a line, fields split
/// by tabs: Foundation's JSON decoder read them at 6.5 MB/s, which cost more
/// than outlining the files again.
///
///     tool <hash>
///     file <hash>
///     heading <id>
///     link <line> <image: 0 or 1> <destination>
///     cite <line> <key> <key>...
///     html <line>
///     finding <line> <reason> <message>
///     front <body's first byte> <body's line offset>
///     yaml <a line of the front matter, as written>
///
/// An outline with a tab or line break in any of its texts is not kept (a
/// line of YAML may hold tabs: it is the rest of its record); a file that
/// does not read as records is no cache at all.
enum OutlineRecords {
    /// The records of `files`; those `cached` holds are copied from its
    /// bytes (a one-page edit of a large site keeps all but one). Written in
    /// parts on every core: a clean build of 10,000 pages writes some 12 MB.
    static func encode(_ files: [(ContentHash, MarkdownOutline, SourceFile.Front?)], tool: UInt64, reusing cached: CachedOutlines? = nil) -> Data {
        let parts = files.runs(of: max(1, (files.count + 15) / 16))
        var data = Data("tool\t\(tool)\n".utf8)
        for part in parts.concurrentMap({ range in encode(files[range], reusing: cached) }) { data.append(part) }
        return data
    }

    private static func encode(_ files: ArraySlice<(ContentHash, MarkdownOutline, SourceFile.Front?)>, reusing cached: CachedOutlines?) -> Data {
        var lines = TabSeparated.Lines()
        for (file, outline, front) in files {
            if let cached, let range = cached.records[file] {
                lines.append(cached.data[range])
                continue
            }
            // A citation of no keys would not read back; a text with a tab or line break takes the file's lines back (below).
            guard !outline.citations.contains(where: { $0.keys.isEmpty }) else { continue }
            let mark = lines.mark
            lines.start("file")
            lines.field(file.value)
            lines.end()
            for id in outline.headingIDs { lines.add("heading", id) }
            for link in outline.links {
                lines.start("link")
                lines.field(link.line)
                lines.field(link.isImage ? 1 : 0)
                lines.field(link.destination)
                lines.end()
            }
            for citation in outline.citations {
                lines.start("cite")
                lines.field(citation.line)
                for key in citation.keys { lines.field(key) }
                lines.end()
            }
            for line in outline.rawHTMLLines {
                lines.start("html")
                lines.field(line)
                lines.end()
            }
            for finding in outline.findings {
                lines.start("finding")
                lines.field(finding.line)
                lines.field(finding.reason.rawValue)
                lines.field(finding.message)
                lines.end()
            }
            guard lines.whole else {
                lines.restore(mark)
                continue
            }
            // YAML read from bytes ends each line with its line break (the closing fence follows) and holds no carriage return.
            guard var yaml = front?.yaml, let front,
                  yaml.withUTF8({ $0.isEmpty || ($0.last == 0x0A && memchr($0.baseAddress!, 0x0D, $0.count) == nil) }) else { continue }
            lines.start("front")
            lines.field(front.bodyStart)
            lines.field(front.bodyLineOffset)
            lines.end()
            yaml.withUTF8 { bytes in
                var start = 0
                for index in bytes.indices where bytes[index] == 0x0A {
                    lines.start("yaml")
                    lines.field(rest: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    lines.end()
                    start = index + 1
                }
            }
        }
        return Data(lines.bytes)
    }

    /// The outlines in `data` with where each file's records stand, if `tool`
    /// made them; none when the data is not such records.
    static func read(_ data: Data, tool: UInt64) -> CachedOutlines {
        let header = Data("tool\t\(tool)\n".utf8)
        // Whole lines only: a file's records are copied as they are into the next cache.
        guard data.starts(with: header), data.last == 0x0A else { return CachedOutlines() }
        // Read in parts on every core, each part starting at a file's record.
        let parts = partRanges(data, from: data.startIndex + header.count, count: Cores.active * 2)
        let read = parts.concurrentMap { range in
            data[range].withUnsafeBytes { decodeFiles($0) }.map { part in
                (part.outlines, part.records.mapValues { ($0.lowerBound + range.lowerBound)..<($0.upperBound + range.lowerBound) }, part.fronts)
            }
        }
        guard !read.contains(where: { $0 == nil }) else { return CachedOutlines() }
        var cached = CachedOutlines(data: data)
        let count = read.reduce(0) { $0 + ($1?.0.count ?? 0) }
        cached.outlines.reserveCapacity(count)
        cached.records.reserveCapacity(count)
        cached.fronts.reserveCapacity(count)
        for case let (outlines, records, fronts)? in read {
            cached.outlines.merge(outlines) { first, _ in first }
            cached.records.merge(records) { first, _ in first }
            cached.fronts.merge(fronts) { first, _ in first }
        }
        return cached
    }

    /// The records of `files` alone, without the header: to append to a cache's records.
    static func records(of files: [(ContentHash, MarkdownOutline, SourceFile.Front?)]) -> Data {
        encode(files[...], reusing: nil)
    }

    /// Up to `count` ranges of `data` from `start`, each but the first starting at a line `file\t…`.
    private static func partRanges(_ data: Data, from start: Int, count: Int) -> [Range<Int>] {
        var bounds = [start]
        let size = data.endIndex - start
        for part in 1..<max(count, 1) {
            let from = max(start + size * part / count, bounds.last!)
            guard from < data.endIndex, let found = firstFileRecord(data, from: from) else { break }
            if found > bounds.last! { bounds.append(found) }
        }
        bounds.append(data.endIndex)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }

    /// Where the first line `file\t…` after `from` starts, from line break to
    /// line break by `memchr` (Foundation's search of `Data` for the marker
    /// went a byte at a time through its generic code).
    private static func firstFileRecord(_ data: Data, from: Int) -> Int? {
        data.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var offset = from - data.startIndex
            while offset < bytes.count, let newline = memchr(base + offset, 0x0A, bytes.count - offset) {
                let start = base.distance(to: UnsafeRawPointer(newline)) + 1
                if bytes[start...].starts(with: "file\t".utf8) { return data.startIndex + start }
                offset = start
            }
            return nil
        }
    }

    /// The outlines of records that start with a file's; nil at the first record that is not one of `encode`'s.
    private static func decodeFiles(_ bytes: UnsafeRawBufferPointer)
        -> (outlines: [ContentHash: MarkdownOutline], records: [ContentHash: Range<Int>], fronts: [ContentHash: SourceFile.Front])? {
        var outlines: [ContentHash: MarkdownOutline] = [:]
        var records: [ContentHash: Range<Int>] = [:]
        var fronts: [ContentHash: SourceFile.Front] = [:]
        var file: ContentHash?
        var fileStart = 0
        var outline = MarkdownOutline()
        var front: SourceFile.Front?
        var yaml: [UInt8] = []
        func keep(_ file: ContentHash, upTo end: Int) {
            outlines[file] = outline
            records[file] = fileStart..<end
            if var front {
                front.yaml = String(decoding: yaml, as: UTF8.self)
                fronts[file] = front
            }
        }
        let whole = TabSeparated.read(bytes) { fields, lineStart in
            guard fields.count >= 2 else { return false }
            // Told by the name's bytes: some 40 records a page, most of them headings and links.
            func named(_ name: StaticString) -> Bool { TabSeparated.equals(fields[0], name) }
            func text(_ index: Int) -> String { TabSeparated.text(fields[index]) }
            if named("heading") {
                guard file != nil, fields.count == 2 else { return false }
                outline.headingIDs.append(text(1))
                return true
            }
            if named("yaml") {
                // The rest of the line, tabs and all.
                guard front != nil else { return false }
                yaml += bytes[fields[1].startIndex..<fields[fields.count - 1].endIndex]
                yaml.append(0x0A)
                return true
            }
            let value = TabSeparated.unsigned(fields[1])
            let line = value.flatMap { Int(exactly: $0) }
            if named("file") {
                guard fields.count == 2, let value else { return false }
                if let file { keep(file, upTo: lineStart) }
                (file, outline, fileStart, front) = (ContentHash(value: value), MarkdownOutline(), lineStart, nil)
                yaml.removeAll(keepingCapacity: true)
                return true
            }
            guard file != nil, front == nil, let line else { return false }
            if named("front"), fields.count == 3 {
                guard let offset = TabSeparated.unsigned(fields[2]).flatMap({ Int(exactly: $0) }) else { return false }
                front = SourceFile.Front(yaml: "", bodyStart: line, bodyLineOffset: offset)
            } else if named("link"), fields.count == 4 {
                guard let image = TabSeparated.unsigned(fields[2]), image <= 1 else { return false }
                outline.links.append(.init(destination: text(3), line: line, isImage: image == 1))
            } else if named("cite"), fields.count >= 3 {
                outline.citations.append(.init(keys: (2..<fields.count).map(text), line: line))
            } else if named("html"), fields.count == 2 {
                outline.rawHTMLLines.append(line)
            } else if named("finding"), fields.count == 4 {
                guard let reason = Reason(rawValue: text(2)) else { return false }
                outline.findings.append(.init(line: line, reason: reason, message: text(3)))
            } else {
                return false
            }
            return true
        }
        guard whole else { return nil }
        if let file { keep(file, upTo: bytes.count) }
        return (outlines, records, fronts)
    }
}

/// Outlines from the cache, with the bytes of each file's records, which the
/// next cache takes as they are.
struct CachedOutlines: Sendable {
    var outlines: [ContentHash: MarkdownOutline] = [:]
    var records: [ContentHash: Range<Int>] = [:]
    var fronts: [ContentHash: SourceFile.Front] = [:]
    var data = Data()
}
