/// One finding of a build or check, printed the way compilers print them
/// (`path:line: error: message`) so editors and CI logs can jump to it.
/// `reason` says what kind of problem it is, for code and tests; the
/// message is for people and may be reworded.
public struct Diagnostic: Error, Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var file: String
    public var line: Int
    public var severity: Severity
    public var reason: Reason
    public var message: String
    /// The editorial rule that found it, for `.editorial` findings.
    public var rule: EditorialRule?

    public init(file: String, line: Int = 1, severity: Severity = .error, reason: Reason, message: String, rule: EditorialRule? = nil) {
        self.file = file
        self.line = max(line, 1)
        self.severity = severity
        self.reason = reason
        self.message = message
        self.rule = rule
    }

    public static func error(_ file: String, _ line: Int, _ reason: Reason, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, severity: .error, reason: reason, message: message)
    }

    public static func warning(_ file: String, _ line: Int, _ reason: Reason, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, severity: .warning, reason: reason, message: message)
    }

    public var description: String {
        "\(file):\(line): \(severity.rawValue): \(message)"
    }

    /// The same finding as a warning: a problem of a draft, which is not published.
    public var asWarning: Diagnostic {
        var copy = self
        copy.severity = .warning
        return copy
    }
}

/// What kind of problem a diagnostic reports.
public enum Reason: String, Sendable, CaseIterable, Codable {
    // Reading files
    case missingFolder, unreadableFile, notUTF8, emptyContent, missingSettings, notARegularFile, tooLarge, tooDeep
    /// A file found unchanged by its stamp, whose body a later step read and found changed.
    case changedWhileBuilding
    // Front matter syntax
    case missingFrontMatter, unclosedFrontMatter, yamlSyntax, frontMatterShape, repeatedField
    /// A tab in a line's indentation; a `: ` inside an unquoted value.
    case tabIndentation, colonInValue
    /// A value over several lines in a field that takes one line.
    case multiLineValue
    /// ` #` after an unquoted free-text value: YAML dropped the rest of the line as a comment.
    case commentInValue
    // Fields of the content model
    case unknownKind, missingField, emptyField, wrongType, outOfRange, unknownField, placeholder, badFormat, conflictingFields
    case reviewDates, reviewOverdue, reviewDue
    // Across files
    case duplicate, unknownService, unknownCitation, referenceBody, linkToDraft
    /// An old address (`aliases:`) that cannot have a redirect page; one that is a page's or another alias's.
    case badAlias, aliasClash
    // Markdown bodies
    case brokenLink, brokenAnchor, forbiddenLink, rawHTML
    /// Pipe rows without a header row and its alignment row in second place; a row with more cells than the header.
    case tableWithoutHeader, tableColumns
    /// `> [!WORD]` with a word that is not one of GitHub's alerts.
    case unknownCallout
    /// A link titled "button" that shares its paragraph.
    case misplacedButton
    /// An image without alt text that is not marked decorative; an image file over the size budget.
    case missingAltText, imageOverBudget
    // Files published as they are
    case badFileName, fileType, unsafeFile
    // Templates and rendering
    case templateSyntax, missingTemplate, missingPartial, templateCycle, renderFailed, outputClash
    // Writing the output
    case outputRefused, writeFailed
    // The output folder's safety: a file changed since the build wrote it, a symbolic link,
    // a folder inside the sources, another build writing it
    case outputChanged, outputSymlink, outputInSources, outputBusy
    // Checking the built site
    case unreadableSite, repeatedID, orphanPage, sitemap, centreIndex, structuredData, externalLink
    // Editorial checks (the rule says which)
    case editorial
    // `site new`
    case fileExists
}

/// The stages of a build, in the order they run.
public enum Stage: String, Sendable, CaseIterable {
    case prepare, inputs, load, validate, templates, render, bodies, editorial, write, check, compress, swap
}

/// Thrown when a stage found errors: carries all of them, not just the first,
/// so an editor can fix a whole batch in one go.
public struct BuildFailure: Error, CustomStringConvertible {
    public let stage: Stage
    public let diagnostics: [Diagnostic]

    public init(stage: Stage, diagnostics: [Diagnostic]) {
        self.stage = stage
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        (diagnostics.map(\.description) + ["\(stage.rawValue) failed: \(errors.count) error(s)"]).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    public var reasons: [Reason] { map(\.reason) }

    /// Diagnostics in file and line order, each once, so output is stable between runs.
    public func sortedForDisplay() -> [Diagnostic] {
        Array(Set(self)).sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
    }
}
