import Foundation

/// A regular expression compiled once, where `String.range(of:options:
/// .regularExpression)` looks its pattern up in Foundation's cache at each
/// call, by a key made by printing its options (some 95,000 instructions a
/// call: a tenth of a small site's clean build went to such lookups and the
/// string bridging around them). Foundation's expressions are immutable and
/// safe to share between threads.
public struct TextPattern: @unchecked Sendable {
    private let expression: NSRegularExpression?

    /// Nil expression (never a match) when `pattern` does not compile, as `range(of:options:)` finds nothing then.
    public init(_ pattern: String) {
        expression = try? NSRegularExpression(pattern: pattern)
    }

    /// Whether the pattern matches somewhere in `text`: `text.range(of: pattern, options: .regularExpression) != nil`.
    public func matches(_ text: String) -> Bool {
        expression?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
