import Foundation

/// A Markdown body's outline, known when its file is loaded (the last build's,
/// kept in the cache) or made at the first question. A build's render step
/// asks first for the pages it renders, and keeps the outline its own parse
/// of the page made (one parse a page for the outline, the HTML and the
/// words); any other body is parsed for its outline when something asks.
public final class BodyOutline: @unchecked Sendable {
    private let lock = NSLock()
    private var value: MarkdownOutline?
    private var make: (@Sendable () -> MarkdownOutline)?

    public init(_ outline: MarkdownOutline) {
        value = outline
    }

    /// `make` parses the body for its outline, once, if nothing else gave it first.
    public init(making make: @escaping @Sendable () -> MarkdownOutline) {
        self.make = make
    }

    /// The outline, made now if not known.
    public var outline: MarkdownOutline {
        lock.withLock {
            if let value { return value }
            let made = make?() ?? MarkdownOutline()
            (value, make) = (made, nil)
            return made
        }
    }

    /// The outline if known, nothing made.
    public var known: MarkdownOutline? {
        lock.withLock { value }
    }

    /// Keeps `outline`, made from this same body by a parse of the caller's
    /// own, unless the outline is known already (then both are the same).
    public func keep(_ outline: MarkdownOutline) {
        lock.withLock {
            guard value == nil else { return }
            (value, make) = (outline, nil)
        }
    }
}
