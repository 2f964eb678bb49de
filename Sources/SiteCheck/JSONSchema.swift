import Foundation

/// A JSON Schema (2020-12) validator for the keywords the site's own schemas
/// use. No Swift JSON Schema library is available to this project; keywords
/// outside this set are reported as unsupported rather than ignored, so a
/// schema can never pass by being misunderstood.
public struct JSONSchema {
    public struct Violation: Equatable, CustomStringConvertible {
        /// JSON Pointer to the offending value, e.g. `/centres/3/postcode`.
        public let path: String
        public let message: String
        public var description: String { "\(path.isEmpty ? "/" : path): \(message)" }
    }

    static let supported: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "required", "properties",
        "additionalProperties", "items", "minItems", "uniqueItems", "const", "enum", "pattern", "minLength",
        "minimum", "maximum", "$comment", "examples",
    ]

    let root: [String: Any]

    public init(data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "a schema must be a JSON object"])
        }
        self.root = root
    }

    public func validate(_ instance: Any) -> [Violation] {
        var violations: [Violation] = []
        check(instance, against: root, path: "", into: &violations)
        return violations
    }

    private func check(_ value: Any, against schema: [String: Any], path: String, into violations: inout [Violation]) {
        func fail(_ message: String) { violations.append(Violation(path: path, message: message)) }
        for keyword in schema.keys.sorted() where !Self.supported.contains(keyword) {
            fail("schema keyword '\(keyword)' is not supported by this validator")
        }
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return fail("cannot resolve $ref '\(reference)'") }
            check(value, against: target, path: path, into: &violations)
        }
        if let type = schema["type"] as? String, !Self.matches(value, type: type) {
            return fail("expected \(type), found \(Self.typeName(value))")
        }
        if let expected = schema["const"], !Self.equal(value, expected) {
            fail("must equal \(Self.render(expected))")
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(value, $0) }) {
            fail("must be one of \(options.map(Self.render).joined(separator: ", "))")
        }
        if let string = value as? String {
            if let minimum = schema["minLength"] as? Int, string.count < minimum { fail("shorter than \(minimum) characters") }
            if let pattern = schema["pattern"] as? String, string.range(of: pattern, options: .regularExpression) == nil {
                fail("'\(string)' does not match \(pattern)")
            }
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum { fail("below the minimum \(minimum)") }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum { fail("above the maximum \(maximum)") }
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String] ?? []) where object[key] == nil {
                fail("missing required property '\(key)'")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in object.keys.sorted() {
                let childPath = path + "/" + key
                if let propertySchema = properties[key] as? [String: Any] {
                    check(object[key]!, against: propertySchema, path: childPath, into: &violations)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool, !allowed {
                        violations.append(Violation(path: childPath, message: "property not allowed"))
                    } else if let additionalSchema = additional as? [String: Any] {
                        check(object[key]!, against: additionalSchema, path: childPath, into: &violations)
                    }
                }
            }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum { fail("fewer than \(minimum) items") }
            if schema["uniqueItems"] as? Bool == true {
                for (index, item) in array.enumerated() where array[..<index].contains(where: { Self.equal($0, item) }) {
                    violations.append(Violation(path: path + "/\(index)", message: "repeats an earlier item"))
                }
            }
            if let itemSchema = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() {
                    check(item, against: itemSchema, path: path + "/\(index)", into: &violations)
                }
            }
        }
    }

    /// Local references only: `#/$defs/name`.
    private func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: Any = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let object = current as? [String: Any], let next = object[String(part)] else { return nil }
            current = next
        }
        return current as? [String: Any]
    }

    static func isBool(_ value: Any) -> Bool {
        // JSONSerialization gives booleans as NSNumber of C type `char`;
        // `is Bool` alone would also accept the numbers 0 and 1.
        if let number = value as? NSNumber { return String(cString: number.objCType) == "c" }
        return value is Bool
    }

    static func number(_ value: Any) -> Double? {
        if isBool(value) { return nil }
        if let number = value as? NSNumber { return number.doubleValue }
        if let int = value as? Int { return Double(int) }
        return value as? Double
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool(value)
        case "number": return number(value) != nil
        case "integer": return number(value).map { $0 == $0.rounded() } ?? false
        case "null": return value is NSNull
        default: return false
        }
    }

    static func typeName(_ value: Any) -> String {
        for type in ["boolean", "integer", "number", "string", "array", "object", "null"] where matches(value, type: type) { return type }
        return "unknown"
    }

    static func equal(_ lhs: Any, _ rhs: Any) -> Bool {
        if isBool(lhs) || isBool(rhs) { return isBool(lhs) && isBool(rhs) && (lhs as? Bool) == (rhs as? Bool) }
        if let a = number(lhs), let b = number(rhs) { return a == b }
        if let a = lhs as? String, let b = rhs as? String { return a == b }
        if let a = lhs as? [Any], let b = rhs as? [Any] { return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) } }
        if let a = lhs as? [String: Any], let b = rhs as? [String: Any] {
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        }
        return lhs is NSNull && rhs is NSNull
    }

    static func render(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])).flatMap { String(data: $0, encoding: .utf8) } ?? "\(value)"
    }
}
