import SiteLoad
import SiteModel
import Yams

/// Reads typed fields out of front matter, recording an error on the field's
/// own line for every missing, mistyped or unknown field instead of stopping
/// at the first.
final class FieldReader {
    let frontMatter: FrontMatter
    let context: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The keys asked for, in order, repeats and all: a page asks for some fifteen, fewer than a set is worth.
    private var read: [String] = []

    init(_ frontMatter: FrontMatter, context: String) {
        self.frontMatter = frontMatter
        self.context = context
    }

    var file: String { frontMatter.file }

    func line(of key: String) -> Int {
        frontMatter[key]?.line ?? frontMatter.line
    }

    func error(_ key: String?, _ reason: Reason, _ message: String) {
        diagnostics.append(.error(file, key.map(line(of:)) ?? frontMatter.line, reason, message))
    }

    /// An error about one item of a field, on the item's own line.
    func error(line: Int, _ reason: Reason, _ message: String) {
        diagnostics.append(.error(file, line, reason, message))
    }

    func warn(_ key: String, _ reason: Reason, _ message: String) {
        diagnostics.append(.warning(file, line(of: key), reason, message))
    }

    private func field(_ key: String, required: Bool) -> FrontMatter.Field? {
        read.append(key)
        guard let field = frontMatter[key], !isNull(field.value) else {
            if required { error(nil, .missingField, "missing field '\(key)' (required for \(context))") }
            return nil
        }
        return field
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let field = field(key, required: required) else { return nil }
        guard let scalar = field.value.scalar else {
            error(key, .wrongType, "field '\(key)' must be a single line of text")
            return nil
        }
        if scalar.style == .literal || scalar.style == .folded {
            error(key, .multiLineValue, "field '\(key)' takes one line of text, not a block of lines ('|' or '>'): write the value on the line of '\(key):', in quotes if it holds ': ' or ' #'")
            return nil
        }
        if spansLines(field) {
            error(key, .multiLineValue, "the value of '\(key)' runs on over the next line: a field takes one line of text, so join its lines into one")
            return nil
        }
        let text = scalar.string
        // Printable ASCII (most values) has no line break or control character and no space at its ends but the space itself.
        let printable = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let trimmed = printable && text.utf8.first != 0x20 && text.utf8.last != 0x20 ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A quoted "\n" or a control character would break the line or file it is written into.
        if !printable, trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            error(key, .badFormat, "field '\(key)' holds a line break or control character: a field takes one line of plain text")
            return nil
        }
        // Foundation's search (which may see past a character's bytes) only where the bytes are there to find.
        if trimmed.containsBytes(Placeholder.text), trimmed.contains(Placeholder.text) {
            error(key, .placeholder, "field '\(key)' still holds the placeholder '\(trimmed)'")
            return nil
        }
        if trimmed.isEmpty {
            if required { error(key, .emptyField, "field '\(key)' is empty") }
            return nil
        }
        return trimmed
    }

    /// Free text an editor writes (a title, a description, a name): read as
    /// `string`, with a warning when YAML took a ` #` in it for a comment and
    /// dropped the rest of the line.
    func text(_ key: String, required: Bool = true) -> String? {
        let value = string(key, required: required)
        warnIfCutByComment(key)
        return value
    }

    /// Whether a value goes on past the line it starts on (a plain or quoted
    /// value continued on the next lines); comment and blank lines do not count.
    private func spansLines(_ field: FrontMatter.Field) -> Bool {
        guard let start = frontMatter.line(of: field.value), !frontMatter.lines.isEmpty else { return false }
        let end = frontMatter.lastLine(of: field.key)
        guard start < end else { return false }
        return (start + 1...end).contains { line in
            let text = frontMatter.sourceLine(line)?.trimmingCharacters(in: .whitespaces) ?? ""
            return !text.isEmpty && !text.hasPrefix("#")
        }
    }

    /// In an unquoted value, ` #` starts a comment: `title: Funding #1 guide`
    /// publishes "Funding". Quoted values keep their `#`; other fields may
    /// carry comments (`nav: 2  # position`), so only free text is checked.
    private func warnIfCutByComment(_ key: String) {
        guard let field = frontMatter[key], let scalar = field.value.scalar, scalar.style == .plain,
              let start = frontMatter.line(of: field.value), let line = frontMatter.sourceLine(start),
              line.utf8.contains(UInt8(ascii: "#")), !spansLines(field) else { return }
        // The value's part of the line: after `key:` when it stands on the key's line.
        var rest = Substring(line)
        if start == field.line, let colon = line.range(of: ":") {
            rest = line[colon.upperBound...]
        }
        guard let hash = rest.indices.first(where: { index in
            rest[index] == "#" && (index == rest.startIndex || [" ", "\t"].contains(rest[rest.index(before: index)]))
        }) else { return }
        let written = rest.trimmingCharacters(in: .whitespaces)
        let kept = scalar.string.trimmingCharacters(in: .whitespaces)
        let dropped = rest[hash...].trimmingCharacters(in: .whitespaces)
        let reads = kept.isEmpty ? "is read as empty" : "is read as '\(kept)'"
        warn(key, .commentInValue, "'#' starts a comment in YAML, so '\(key)' \(reads) and '\(dropped)' is left out: to keep the '#', put the value in quotes, like this: \(YAMLText.field(key, written, quoted: true))")
    }

    func int(_ key: String, required: Bool = true, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard Self.isDecimal(text, fraction: false), let value = Int(text) else {
            error(key, .wrongType, "field '\(key)' must be a whole number, not '\(text)'")
            return nil
        }
        if let range, !range.contains(value) {
            error(key, .outOfRange, "field '\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    func double(_ key: String, in range: ClosedRange<Double>, required: Bool = true) -> Double? {
        guard let text = string(key, required: required) else { return nil }
        guard Self.isDecimal(text, fraction: true), let value = Double(text) else {
            error(key, .wrongType, "field '\(key)' must be a number, not '\(text)'")
            return nil
        }
        guard range.contains(value) else {
            error(key, .outOfRange, "field '\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(text)")
            return nil
        }
        return value
    }

    /// Digits with an optional sign (and decimal point): never hex (`0x33`), exponents, `inf` or `nan`.
    static func isDecimal(_ text: String, fraction: Bool) -> Bool {
        var digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if fraction, let point = digits.firstIndex(of: ".") {
            let decimals = digits[digits.index(after: point)...]
            guard !decimals.isEmpty, decimals.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            digits = digits[..<point]
        }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let text = string(key, required: required) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error(key, .wrongType, "field '\(key)' must be true or false, not '\(text)'")
            return nil
        }
    }

    func day(_ key: String) -> Day? {
        guard let text = string(key) else { return nil }
        guard let day = Day(iso: text) else {
            error(key, .wrongType, "field '\(key)' must be a date written YYYY-MM-DD, not '\(text)'")
            return nil
        }
        return day
    }

    /// A YAML list of text items; `[]` is an empty list.
    func stringList(_ key: String, required: Bool = true, allowEmpty: Bool = false) -> [String]? {
        stringItems(key, required: required, allowEmpty: allowEmpty)?.map(\.text)
    }

    /// A YAML list of text items with the line of each, for errors about one item.
    func stringItems(_ key: String, required: Bool = true, allowEmpty: Bool = false) -> [(text: String, line: Int)]? {
        guard let field = field(key, required: required) else { return nil }
        guard let sequence = field.value.sequence else {
            error(key, .wrongType, "field '\(key)' must be a list (one '- item' per line, or [])")
            return nil
        }
        var items: [(text: String, line: Int)] = []
        for node in sequence {
            let line = frontMatter.line(of: node) ?? field.line
            guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                diagnostics.append(.error(file, line, .wrongType, "every item of '\(key)' must be a line of text"))
                return nil
            }
            if text.contains(Placeholder.text) {
                diagnostics.append(.error(file, line, .placeholder, "an item of '\(key)' still holds the placeholder '\(text)'"))
                return nil
            }
            items.append((text, line))
        }
        if items.isEmpty && !allowEmpty {
            error(key, .emptyField, "field '\(key)' needs at least one item")
            return nil
        }
        return items
    }

    /// A nested group of fields, such as `coordinates`.
    func group(_ key: String, required: Bool = true) -> FieldReader? {
        guard let field = field(key, required: required) else { return nil }
        guard let mapping = field.value.mapping else {
            error(key, .wrongType, "field '\(key)' must hold indented fields")
            return nil
        }
        let fields = mapping.compactMap { pair -> FrontMatter.Field? in
            guard let name = pair.key.scalar?.string else { return nil }
            return FrontMatter.Field(key: name, value: pair.value, line: frontMatter.line(of: pair.key) ?? field.line)
        }
        let nested = FrontMatter(file: file, line: field.line, fields: fields, lines: frontMatter.lines,
                                 firstLine: frontMatter.firstLine, lastLine: frontMatter.lastLine(of: key))
        return FieldReader(nested, context: "'\(key)' in \(context)")
    }

    /// The fields of a nested group, by name, each read as text: a free-form
    /// mapping such as `allow: {claim: reason}`.
    func textFields() -> [(key: String, value: String?, line: Int)] {
        frontMatter.fields.map { field in (field.key, string(field.key, required: false), field.line) }
    }

    /// Takes the errors of a nested reader into this one.
    func absorb(_ nested: FieldReader) {
        nested.rejectUnknownFields()
        diagnostics += nested.diagnostics
    }

    /// Every field that no reader asked for is a typo or a field of another kind.
    func rejectUnknownFields() {
        for field in frontMatter.fields where !read.contains(field.key) {
            let known = Set(read).sorted().joined(separator: ", ")
            diagnostics.append(.error(file, field.line, .unknownField, "unknown field '\(field.key)' for \(context) (known fields: \(known))"))
        }
    }
}
