import Yams

/// YAML written by the tool itself: a field as Yams' emitter writes it, so
/// the value reads back exactly as given (quoted where `#`, `: `, a leading
/// `@` or `*`, quotes or a word like `null` would change it).
public enum YAMLText {
    /// One `key: value` line. `quoted` asks for double quotes even where the
    /// value could stand unquoted (for showing an editor how to quote).
    public static func field(_ key: String, _ value: String, quoted: Bool = false) -> String {
        // A plain value must read back as text, not as null, a number or a date.
        let readsAsText = Resolver.default.resolveTag(of: Node(value)) == .str
        let style: Node.Scalar.Style = quoted ? .doubleQuoted : (readsAsText ? .any : .singleQuoted)
        let mapping = Node([(Node(key), Node(value, Tag(.str), style))])
        guard let yaml = try? Yams.serialize(node: mapping, width: -1, allowUnicode: true) else {
            // The emitter refuses nothing a String can hold; this is only a fallback.
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\(key): \"\(escaped)\""
        }
        return yaml.hasSuffix("\n") ? String(yaml.dropLast()) : yaml
    }
}
