import CMark
import SiteModel

/// A GitHub-style pipe table, read from the lines of a paragraph as written:
/// a header row, an alignment row (`|---|:-:|`) in second place, then the
/// body rows. libcmark has no tables; it sees a paragraph.
struct MarkdownTable {
    enum Alignment {
        case none, left, center, right

        var className: String? {
            switch self {
            case .none: return nil
            case .left: return "align-left"
            case .center: return "align-center"
            case .right: return "align-right"
            }
        }
    }

    let alignments: [Alignment]
    /// The header row first; every row as wide as the header.
    let rows: [[String]]

    enum Reading {
        case notATable
        case table(MarkdownTable)
        /// Looks like a table but is not one; `index` is the line within the paragraph.
        case problem(index: Int, reason: Reason, message: String)
    }

    /// Searched on the bytes: Foundation's `contains` on text is slow on large pages.
    static let pipe = UInt8(ascii: "|")
    static let backslash = UInt8(ascii: "\\")

    /// A paragraph is meant as a table when one of its lines is an alignment
    /// row, or every line starts with `|`.
    static func read(_ lines: ArraySlice<Substring>) -> Reading {
        guard lines.contains(where: { $0.utf8.contains(pipe) }) else { return .notATable }
        return reading(lines.map { $0.trimmingSpaces() }, alignments: alignments, startsWithPipe: { $0.hasPrefix("|") }, cells: cells)
    }

    /// `read` on the bytes of the lines, each a range of `bytes`, when every
    /// line is ASCII without a carriage return (each byte a character); else nil.
    /// The lines as substrings cost some 6,000 instructions each to read.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>]) -> Reading? {
        guard lines.allSatisfy({ ByteSearch.isSingleByte(UnsafeBufferPointer(rebasing: bytes[$0])) }) else { return nil }
        guard lines.contains(where: { bytes[$0].contains(pipe) }) else { return .notATable }
        let trimmed = lines.map { line -> UnsafeBufferPointer<UInt8> in
            var range = line
            while let first = range.first, bytes[first] == 0x20 || bytes[first] == 0x09 { range = range.dropFirst() }
            while let last = range.last, bytes[last] == 0x20 || bytes[last] == 0x09 { range = range.dropLast() }
            return UnsafeBufferPointer(rebasing: bytes[range])
        }
        return reading(trimmed, alignments: alignments(inBytes:), startsWithPipe: { $0.first == pipe }, cells: cells(inBytes:))
    }

    /// What a paragraph's lines, trimmed, make: the table of their cells (the header row first,
    /// the alignment row second), or why it is none. Each line is read by the functions given,
    /// on its text or on its bytes.
    private static func reading<Line>(_ trimmed: [Line], alignments: (Line) -> [Alignment]?, startsWithPipe: (Line) -> Bool,
                                      cells: (Line) -> [String]) -> Reading {
        let rowAlignments = trimmed.map(alignments)
        guard let first = rowAlignments.firstIndex(where: { $0 != nil }) else {
            guard trimmed.allSatisfy(startsWithPipe) else { return .notATable }
            return .problem(index: 0, reason: .tableWithoutHeader,
                            message: "rows with '|' but no header: a table starts with its header row, then an alignment row such as |---|---|")
        }
        guard first == 1, let alignments = rowAlignments[1] else {
            return .problem(index: first, reason: .tableWithoutHeader,
                            message: "the alignment row must be the table's second line, right under its one header row (leave a blank line between the table and any text above it)")
        }
        let lines = trimmed.map(cells)
        let header = lines[0]
        guard header.count == alignments.count else {
            return .problem(index: 1, reason: .tableColumns,
                            message: "the header row has \(header.count) cells and the alignment row \(alignments.count): give them the same number")
        }
        var rows = [header]
        for (index, row) in lines.enumerated().dropFirst(2) {
            guard row.count <= header.count else {
                return .problem(index: index, reason: .tableColumns,
                                message: "this row has \(row.count) cells and the header \(header.count): a cell would be lost")
            }
            rows.append(row + Array(repeating: "", count: header.count - row.count))
        }
        return .table(MarkdownTable(alignments: alignments, rows: rows))
    }

    /// The alignment of each column, or nil when the line is not an alignment row.
    static func alignments(_ line: Substring) -> [Alignment]? {
        // On the line's own bytes where it has them: a substring's view stepped index by index.
        line.utf8.withContiguousStorageIfAvailable(alignments(inBytes:)) ?? Array(line.utf8).withUnsafeBufferPointer(alignments(inBytes:))
    }

    private static func alignments(inBytes bytes: UnsafeBufferPointer<UInt8>) -> [Alignment]? {
        // Only pipes, dashes, colons and spaces: most rows are not one, told without splitting them.
        guard bytes.contains(pipe),
              bytes.allSatisfy({ $0 == pipe || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == 0x20 || $0 == 0x09 }) else { return nil }
        var result: [Alignment] = []
        for cell in cells(inBytes: bytes) {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// A row's cells: split at each `|` not escaped as `\|`, outer pipes dropped, spaces trimmed.
    static func cells(_ line: Substring) -> [String] {
        // Bytes where every byte is a character (most rows); characters otherwise.
        line.isSingleByteText ? asciiCells(line) : characterCells(line)
    }

    /// `cells` on the bytes, each cell made once from its trimmed bytes (a
    /// table is read by the outline, the editorial text and the renderer).
    static func asciiCells(_ line: Substring) -> [String] {
        line.utf8.withContiguousStorageIfAvailable(cells(inBytes:)) ?? Array(line.utf8).withUnsafeBufferPointer(cells(inBytes:))
    }

    private static func cells(inBytes bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        // One pass, each cell made as its end is found: its ranges gathered first in an array of
        // tuples, then trimmed and made, a row of two cells cost some 3,700 instructions.
        var cells: [String] = []
        cells.reserveCapacity(4)
        var start = 0, escaped = false, escapes = false
        // After a first `|`, no cell before it.
        let skipsFirst = bytes.first == pipe
        for index in bytes.indices {
            if bytes[index] == pipe {
                if escaped {
                    escapes = true
                } else {
                    if !(skipsFirst && index == 0) { cells.append(cell(bytes, start..<index, escapes: escapes)) }
                    start = index + 1
                    escapes = false
                }
            }
            escaped = bytes[index] == backslash && !escaped
        }
        // The bytes after the last `|` not escaped: none after a row's last cell, unless it is the only one.
        if cells.isEmpty || start < bytes.count {
            cells.append(cell(bytes, start..<bytes.count, escapes: escapes))
        }
        return cells
    }

    /// A cell's bytes, spaces and tabs trimmed, with `\|` as `|`.
    private static func cell(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, escapes: Bool) -> String {
        var from = range.lowerBound, to = range.upperBound
        while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
        while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[from..<to])
        guard escapes else { return String(decoding: trimmed, as: UTF8.self) }
        var text: [UInt8] = []
        var escaped = false
        for byte in trimmed {
            if byte == pipe && escaped { text[text.count - 1] = pipe } else { text.append(byte) }  // `\|` stands for a `|`
            escaped = byte == backslash && !escaped
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func characterCells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line {
            if character == "|" && !escaped {
                cells.append(cell)
                cell = ""
            } else if character == "|" {
                cell.removeLast()  // `\|` stands for a `|` in the cell
                cell.append(character)
            } else {
                cell.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        cells.append(cell)
        if line.hasPrefix("|") { cells.removeFirst() }
        if cells.count > 1, cells.last?.allSatisfy(\.isWhitespace) == true, line.hasSuffix("|") { cells.removeLast() }
        return cells.map { String($0.trimmingSpaces()) }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
        return self[start..<end]
    }
}

extension MarkdownTable {
    /// A cell of words only: letters (the first one too), digits, spaces (not last) and
    /// `, ; : ? ( ) / %`, with `.` and `-` but never two in a row. CommonMark
    /// reads such text as one plain text node and smart punctuation leaves it
    /// alone, so its HTML is the text itself and it holds nothing an outline
    /// records: the cell needs no parse of its own.
    static func isPlainText(_ cell: String) -> Bool {
        // On the string's own bytes: its view's iterator took some 25 instructions a byte.
        var cell = cell
        return cell.withUTF8(isPlainText)
    }

    private static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): break
            case _ where previous == 0: return false
            case UInt8(ascii: "0")...UInt8(ascii: "9"), 0x20, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: "?"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"), UInt8(ascii: "%"): break
            case UInt8(ascii: "."), UInt8(ascii: "-"): if previous == byte { return false }
            default: return false
            }
            previous = byte
        }
        return previous != 0 && previous != 0x20
    }

    /// A cell's Markdown as a document of its own whose one paragraph holds
    /// the cell's inline content; `line` is the row's file line. Text that
    /// would start a block (`- x`, `1. x`, `# x`, `> x`) is read as text, as
    /// in a table on GitHub; raw HTML stays what it is, so it is reported.
    static func cellDocument(_ text: String, line: Int, smartPunctuation: Bool = true) -> MarkdownDocument {
        var document = MarkdownDocument(markdown: text, lineOffset: line - 1, smartPunctuation: smartPunctuation)
        if let first = cmark_node_first_child(document.root),
           !(MarkdownNode.type(first) == CMARK_NODE_PARAGRAPH && cmark_node_next(first) == nil),
           MarkdownNode.type(first) != CMARK_NODE_HTML_BLOCK {
            // A backslash before the first character that is not a digit makes the block's marker plain text.
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            document = MarkdownDocument(markdown: digits + "\\" + text.dropFirst(digits.count), lineOffset: line - 1, smartPunctuation: smartPunctuation)
        }
        document.readsTables = false
        return document
    }
}

extension MarkdownTable {
    /// How a paragraph reads as a table. Only a paragraph at the top level
    /// can be one: inside a list or quote its lines carry the container's marks.
    static func reading(of paragraph: OpaquePointer, in document: MarkdownDocument) -> Reading {
        guard document.readsTables, cmark_node_parent(paragraph) == document.root,
              document.sourceLines(of: paragraph, contain: pipe) else { return .notATable }
        // The editorial text and the renderer read the same parse: the table is read once for both.
        let line = cmark_node_get_start_line(paragraph)
        if let reading = document.tableReadings[line] { return reading }
        let reading = document.withSourceLines(of: paragraph, read) ?? read(document.sourceLines(of: paragraph))
        document.tableReadings[line] = reading
        return reading
    }

    /// The line of a row within the paragraph: the alignment row stands between the header and the body.
    static func lineIndex(ofRow row: Int) -> Int {
        row == 0 ? 0 : row + 1
    }
}
