import Yams

/// The fast path of front matter: YAML that is only `key: value` lines with
/// plain one-line values, which is nearly every content file. Such a value
/// means exactly its text to YAML, so the fields are made here without a
/// parser; their tags stay implicit, as in the nodes Yams composes (`FrontMatter.compose`).
/// A value in quotes with no quote or backslash inside is read here too.
/// Anything else (escapes, lists, nested fields, comments, `: ` or ` #` in a
/// value, a repeated key, characters YAML treats specially) returns nil and
/// goes to Yams, the parser of record.
enum PlainFields {
    /// The fields of `lines` (file lines from `firstLine`), or nil when YAML is needed.
    static func read(_ lines: [String], firstLine: Int) -> [FrontMatter.Field]? {
        var fields: [FrontMatter.Field] = []
        fields.reserveCapacity(lines.count)
        // A repeated key goes to Yams, which names it. A few keys are compared in turn (hashing
        // them into a set was a third of this function's time); many, as any front matter may hold, are hashed.
        var seen: Set<String>? = lines.count > 16 ? [] : nil
        for (index, line) in lines.enumerated() {
            let bytes = line.utf8
            if bytes.allSatisfy({ $0 == space }) { continue }
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
                  isKey(bytes[..<colon]),
                  bytes.index(after: colon) < bytes.endIndex, bytes[bytes.index(after: colon)] == space else { return nil }
            let key = String(line[..<colon])
            let value = trimmed(line[line.index(after: colon)...])
            guard let scalar = scalar(value) else { return nil }
            if seen == nil {
                guard !fields.contains(where: { $0.key == key }) else { return nil }
            } else if seen?.insert(key).inserted == false {
                return nil
            }
            fields.append(FrontMatter.Field(key: key, value: .scalar(scalar), line: firstLine + index))
        }
        return fields.isEmpty ? nil : fields
    }

    private static let space = UInt8(ascii: " ")

    /// One for all fields, as a parser has: Yams makes a new one, with its tables, for each tag that is not given one.
    /// Never changed after it is made.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// A plain value, or one in quotes holding no quote, backslash or line break:
    /// each means its text to YAML (a quoted one always a string).
    static func scalar(_ value: Substring) -> Node.Scalar? {
        if isPlainValue(value) { return Node.Scalar(String(value), Tag(.implicit, FrontMatter.textResolver, constructor), .plain) }
        let bytes = value.utf8
        guard bytes.count >= 2, let quote = bytes.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), bytes.last == quote else { return nil }
        let inner = value.dropFirst().dropLast()
        guard isPrintable(inner), !inner.utf8.contains(quote), !inner.utf8.contains(UInt8(ascii: "\\")) else { return nil }
        return Node.Scalar(String(inner), Tag(.str, FrontMatter.textResolver, constructor), quote == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted)
    }

    /// A key of letters, digits, `_` and `-`, starting with a letter, at the start of the line.
    private static func isKey(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == space { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == space { end = bytes.index(before: end) }
        return text[start..<end]
    }

    /// Characters that start something other than plain text in YAML when they come first.
    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`\\~".unicodeScalars.map { UInt8($0.value) })

    /// A value YAML reads as exactly its text: not empty, no indicator first,
    /// no `: `, ` #` or trailing `:`, only printable characters and no line breaks of
    /// Unicode's (libyaml's own list of printable characters).
    static func isPlainValue(_ value: Substring) -> Bool {
        guard let first = value.utf8.first, !indicators.contains(first), value.utf8.last != UInt8(ascii: ":") else { return false }
        // Printable ASCII (nearly every value) on its bytes; anything else by its scalars below.
        if let ascii = value.utf8.withContiguousStorageIfAvailable({ bytes -> Bool? in
            var previous = UInt8(ascii: " ")
            for byte in bytes {
                guard byte >= 0x20 && byte < 0x7F else { return nil }
                if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) { return false }
                previous = byte
            }
            return true
        }), let decided = ascii {
            return decided
        }
        guard isPrintable(value) else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in value.unicodeScalars {
            if (previous == ":" && scalar == " ") || (previous == " " && scalar == "#") { return false }
            previous = scalar
        }
        return true
    }

    /// Only printable characters and no line breaks of Unicode's (libyaml's own list of printable characters).
    static func isPrintable(_ value: Substring) -> Bool {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return value.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x20...0x7E: return true
            case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return scalar.value != 0xFEFF && scalar.value != 0x2028 && scalar.value != 0x2029
            default: return false
            }
        }
    }
}
