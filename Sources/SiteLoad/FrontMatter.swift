import SiteModel
import Yams

/// The YAML front matter of a content file: its fields in order, each with
/// the file line it stands on, so validation can point at the offending line.
/// Unchecked: Yams' `Node` is not marked Sendable, but a parsed node is a
/// value that nothing changes after loading.
public struct FrontMatter: @unchecked Sendable {
    public struct Field: @unchecked Sendable {
        public let key: String
        public let value: Node
        public let line: Int

        public init(key: String, value: Node, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// `lines` are the YAML's lines as written, the first of them on file
    /// line `firstLine`; `lastLine` is the last file line the fields may use.
    public init(file: String, line: Int, fields: [Field], lines: [String] = [], firstLine: Int? = nil, lastLine: Int? = nil) {
        self.file = file
        self.line = line
        self.fields = fields
        self.lines = lines
        self.firstLine = firstLine ?? line + 1
        self.lastLine = lastLine ?? (self.firstLine + lines.count - 1)
    }

    public let file: String
    /// Line of the opening `---`.
    public let line: Int
    public let fields: [Field]
    /// The YAML as written, one element a line, for checks the parsed values
    /// cannot answer (a comment that cut a value short, a value over two lines).
    public let lines: [String]
    /// File line of `lines[0]`.
    public let firstLine: Int
    /// The last file line these fields may stand on.
    public let lastLine: Int

    public subscript(key: String) -> Field? {
        // By index: each field passed over is not copied (its key and value retained) on the way.
        for index in fields.indices where fields[index].key == key { return fields[index] }
        return nil
    }

    /// The text of a file line, as written.
    public func sourceLine(_ fileLine: Int) -> String? {
        let index = fileLine - firstLine
        return lines.indices.contains(index) ? lines[index] : nil
    }

    /// The last file line the value of `key` may stand on: the line before the
    /// next field, or the last line of these fields.
    public func lastLine(of key: String) -> Int {
        guard let index = fields.firstIndex(where: { $0.key == key }) else { return lastLine }
        return index + 1 < fields.count ? fields[index + 1].line - 1 : lastLine
    }

    /// The file line a value starts on.
    public func line(of value: Node) -> Int? {
        value.line(from: firstLine)
    }

    /// Parses YAML that starts at `firstLine` of `file`.
    /// A syntax error becomes a diagnostic on the line the YAML parser names.
    public static func parse(_ yaml: String, file: String, firstLine: Int) -> Result<FrontMatter, Diagnostic> {
        // Without a carriage return (which makes "\r\n" one character) every "\n" byte is a line break: split on the bytes.
        var lines = yaml.containsBytes("\r") ? yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            : yaml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
        if lines.last == "" { lines.removeLast() }
        if let tabs = tabIndentation(lines, file: file, firstLine: firstLine) {
            return .failure(tabs)
        }
        func frontMatter(_ fields: [Field]) -> FrontMatter {
            FrontMatter(file: file, line: firstLine - 1, fields: fields, lines: lines, firstLine: firstLine)
        }
        if let fields = PlainFields.read(lines, firstLine: firstLine) {
            return .success(frontMatter(fields))
        }
        let node: Node?
        do {
            node = try compose(yaml)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, lines: lines, file: file, firstLine: firstLine))
        } catch {
            return .failure(.error(file, firstLine, .yamlSyntax, "front matter is not valid YAML: \(error)"))
        }
        guard let node else {
            return .success(frontMatter([]))
        }
        guard let mapping = node.mapping else {
            return .failure(.error(file, firstLine, .frontMatterShape, "front matter must be a list of `field: value` lines"))
        }
        var fields: [Field] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            let line = firstLine - 1 + (key.mark?.line ?? 1)
            guard let name = key.scalar?.string else {
                return .failure(.error(file, line, .frontMatterShape, "front matter keys must be plain words"))
            }
            if !seen.insert(name).inserted {
                return .failure(.error(file, line, .repeatedField, "field '\(name)' is given twice"))
            }
            fields.append(Field(key: name, value: value, line: line))
        }
        return .success(frontMatter(fields))
    }

    /// The resolver values are composed with: none of YAML's rules, so every
    /// untagged scalar is text to it. The site reads each value as its text
    /// (`Node.Scalar.string`), never by its tag; the rules mattered only to
    /// Yams' check for repeated keys (alike in text and tag), and `compose`
    /// asks YAML's own resolver whenever that could differ. Its expressions
    /// (ICU's, compiled once a process) and each key matched against them
    /// took 7 of the 11 million instructions Yams spent on the real site's 14
    /// files with nested fields.
    static let textResolver = Resolver.basic

    /// The YAML's node, composed as YAML's own resolver composes it: with
    /// `textResolver`, and again with YAML's resolver when Yams found an
    /// error (the same error, reported as before) or when the node holds
    /// what that resolver may judge otherwise (keys of the same text, a key
    /// that is not a scalar, an alias). The encoding is named so that Yams
    /// does not read the environment for it on each file.
    static func compose(_ yaml: String) throws -> Node? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, textResolver, .default, .utf8)
        } catch {
            return try Yams.compose(yaml: yaml, .default, .default, .utf8)
        }
        guard let node, mayResolveOtherwise(node) else { return node }
        return try Yams.compose(yaml: yaml, .default, .default, .utf8)
    }

    private static func mayResolveOtherwise(_ node: Node) -> Bool {
        switch node {
        case .scalar: return false
        case .alias: return true
        case .sequence(let sequence): return sequence.contains(where: mayResolveOtherwise)
        case .mapping(let mapping):
            var keys = Set<String>()
            for (key, value) in mapping {
                guard let text = key.scalar?.string, keys.insert(text).inserted else { return true }
                if mayResolveOtherwise(value) { return true }
            }
            return false
        }
    }

    /// YAML forbids tabs in indentation, and Yams names one only as "found
    /// character that cannot start any token": name it as what it is.
    private static func tabIndentation(_ lines: [String], file: String, firstLine: Int) -> Diagnostic? {
        let tabbed = lines.indices.filter { index in
            let line = lines[index]
            // Most lines start with their key: no indentation to look at.
            guard let first = line.utf8.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") else { return false }
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            return indentation.contains("\t") && indentation.count < line.count
        }.map { firstLine + $0 }
        guard let first = tabbed.first else { return nil }
        let others = tabbed.dropFirst()
        let also = others.isEmpty ? "" : " (so \(others.count == 1 ? "is line" : "are lines") \(others.map(String.init).joined(separator: ", ")))"
        return .error(file, first, .tabIndentation, "line \(first) is indented with a tab: use spaces\(also)")
    }

    /// `title: Funding: FAQs` is a value with `: ` in it to an editor, but a
    /// second field on the line to YAML ("mapping values are not allowed").
    private static func colonInValue(line: Int, lines: [String], file: String, firstLine: Int) -> Diagnostic {
        let text = lines.indices.contains(line - firstLine) ? lines[line - firstLine] : ""
        var message = "a value holds ': ', which YAML reads as the start of another field: put the value in quotes"
        if let colon = text.range(of: ": ") {
            let key = text[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = text[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty, !key.hasPrefix("-"), !key.hasPrefix("#"), !value.isEmpty {
                message = "the value of '\(key)' holds ': ', which YAML reads as the start of another field: put the value in quotes, like this: \(YAMLText.field(key, value, quoted: true))"
            }
        }
        return .error(file, line, .colonInValue, message)
    }

    private static func diagnostic(for error: YamlError, lines: [String], file: String, firstLine: Int) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _) where problem.hasPrefix("mapping values are not allowed"):
            return colonInValue(line: firstLine - 1 + mark.line, lines: lines, file: file, firstLine: firstLine)
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return .error(file, firstLine - 1 + mark.line, .yamlSyntax, "front matter is not valid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(file, firstLine - 1 + context.mark.line, .repeatedField, "field '\(duplicates.joined(separator: "', '"))' is given twice")
        default:
            return .error(file, firstLine, .yamlSyntax, "front matter is not valid YAML: \(error)")
        }
    }
}

extension Node {
    /// The file line of this value, given where its YAML started.
    public func line(from firstLine: Int) -> Int? {
        mark.map { firstLine - 1 + $0.line }
    }
}
