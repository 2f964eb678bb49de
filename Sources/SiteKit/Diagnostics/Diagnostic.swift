/// One finding of a build or check, printed the way compilers print them
/// (`path:line: error: message`) so editors and CI logs can jump to it.
public struct Diagnostic: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var file: String
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int = 1, severity: Severity = .error, message: String) {
        self.file = file
        self.line = max(line, 1)
        self.severity = severity
        self.message = message
    }

    public static func error(_ file: String, _ line: Int, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, severity: .error, message: message)
    }

    public static func warning(_ file: String, _ line: Int, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, severity: .warning, message: message)
    }

    public var description: String {
        "\(file):\(line): \(severity.rawValue): \(message)"
    }
}

/// Thrown when a stage found errors: carries all of them, not just the first,
/// so an editor can fix a whole batch in one go.
public struct BuildFailure: Error, CustomStringConvertible {
    public let stage: String
    public let diagnostics: [Diagnostic]

    public init(stage: String, diagnostics: [Diagnostic]) {
        self.stage = stage
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        (diagnostics.map(\.description) + ["\(stage) failed: \(errors.count) error(s)"]).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in file and line order, each once, so output is stable between runs.
    public func sortedForDisplay() -> [Diagnostic] {
        Array(Set(self)).sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
    }
}

extension String {
    /// `path` below this folder, as the folder was given: how files are named to editors.
    public func joiningPath(_ path: String) -> String {
        hasSuffix("/") ? self + path : self + "/" + path
    }
}
