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

    public init(file: String, line: Int, fields: [Field]) {
        self.file = file
        self.line = line
        self.fields = fields
    }

    public let file: String
    /// Line of the opening `---`.
    public let line: Int
    public let fields: [Field]

    public subscript(key: String) -> Field? {
        fields.first { $0.key == key }
    }

    /// Parses YAML that starts at `firstLine` of `file`.
    /// A syntax error becomes a diagnostic on the line the YAML parser names.
    public static func parse(_ yaml: String, file: String, firstLine: Int) -> Result<FrontMatter, Diagnostic> {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, firstLine: firstLine))
        } catch {
            return .failure(.error(file, firstLine, .yamlSyntax, "front matter is not valid YAML: \(error)"))
        }
        guard let node else {
            return .success(FrontMatter(file: file, line: firstLine - 1, fields: []))
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
        return .success(FrontMatter(file: file, line: firstLine - 1, fields: fields))
    }

    private static func diagnostic(for error: YamlError, file: String, firstLine: Int) -> Diagnostic {
        switch error {
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
