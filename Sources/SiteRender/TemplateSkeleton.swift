import Foundation

/// A template's output for one shape of page (`TemplateTrace`), rendered once
/// with stand-ins for the texts, then filled with each page's own: swift-mustache
/// spent some 15,000 instructions on each name a template looks up (its split
/// at dots, its casts), most of a page's render.
///
/// A stand-in is `NUL < number > NUL`, with the line break of a text that ends
/// in one. Escaped, its `<` and `>` became `&lt;` and `&gt;`, which tells that
/// its text is to be escaped there. Templates whose text holds a NUL byte never
/// use a skeleton (`TemplateSet.holdsNUL`): the stand-ins are then the only NULs
/// of the output.
final class TemplateSkeleton: Sendable {
    let trace: TemplateTrace
    /// The output without its stand-ins.
    private let literal: [UInt8]
    /// Where each stand-in stood in `literal`, whose text, and whether escaped.
    private let cuts: [(offset: Int, number: Int, escaped: Bool)]

    static func standIn(_ number: Int, endsLine: Bool) -> String {
        "\u{0}<\(number)>\u{0}" + (endsLine ? "\n" : "")
    }

    /// Nil when a NUL of `output` does not start a stand-in of the trace's texts.
    init?(_ output: String, trace: TemplateTrace) {
        var literal: [UInt8] = []
        var cuts: [(offset: Int, number: Int, escaped: Bool)] = []
        var output = output
        let whole = output.withUTF8 { bytes -> Bool in
            literal.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                guard let base = bytes.baseAddress, let found = memchr(base + index, 0, bytes.count - index) else {
                    literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...]))
                    break
                }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<start]))
                guard let (number, escaped, end) = Self.standIn(in: bytes, at: start), number < trace.texts else { return false }
                cuts.append((literal.count, number, escaped))
                index = end
            }
            return true
        }
        guard whole else { return nil }
        self.trace = trace
        self.literal = literal
        self.cuts = cuts
    }

    /// The stand-in at `start` (a NUL): its number, whether escaped, and where it ends.
    private static func standIn(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (number: Int, escaped: Bool, end: Int)? {
        func matches(_ text: StaticString, at index: Int) -> Bool {
            index + text.utf8CodeUnitCount <= bytes.count
                && memcmp(bytes.baseAddress! + index, text.utf8Start, text.utf8CodeUnitCount) == 0
        }
        var index = start + 1
        let escaped: Bool
        if matches("<", at: index) {
            (escaped, index) = (false, index + 1)
        } else if matches("&lt;", at: index) {
            (escaped, index) = (true, index + 4)
        } else {
            return nil
        }
        var number = 0, digits = 0
        while index < bytes.count, bytes[index] &- 0x30 < 10, digits < 9 {
            number = number * 10 + Int(bytes[index] &- 0x30)
            (index, digits) = (index + 1, digits + 1)
        }
        let close: StaticString = escaped ? "&gt;\u{0}" : ">\u{0}"
        guard digits > 0, matches(close, at: index) else { return nil }
        return (number, escaped, index + close.utf8CodeUnitCount)
    }

    /// The output with `texts` in their places; nil when a text to be escaped
    /// holds a character to escape beside letters beyond ASCII: templates without
    /// the HTML pragma escape by characters, which may join a `<` to a mark after it.
    func filled(with texts: [String]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(literal.count + texts.reduce(0) { $0 + $1.utf8.count } + 64)
        var from = 0
        for cut in cuts {
            output.append(contentsOf: literal[from..<cut.offset])
            from = cut.offset
            var text = texts[cut.number]
            let appended = text.withUTF8 { whole -> Bool in
                // A text's ending line break is the stand-in's, in `literal` already.
                let bytes = trace.lineEnds[cut.number] ? UnsafeBufferPointer(rebasing: whole.dropLast()) : whole
                guard cut.escaped, bytes.contains(where: HTMLEscaping.isSpecial) else {
                    output.append(contentsOf: bytes)
                    return true
                }
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                HTMLEscaping.append(escaping: bytes, to: &output)
                return true
            }
            guard appended else { return nil }
        }
        output.append(contentsOf: literal[from...])
        return output
    }
}

/// The skeletons made so far, by template, for every page of a build to try.
final class TemplateSkeletons: @unchecked Sendable {
    /// Past this many shapes of one template, pages of new shapes are rendered whole:
    /// each page tries every skeleton of its template first.
    static let limit = 16

    private let lock = NSLock()
    private var byTemplate: [String: [TemplateSkeleton]] = [:]

    func of(_ template: String) -> [TemplateSkeleton] {
        lock.withLock { byTemplate[template] ?? [] }
    }

    func isFull(_ template: String) -> Bool {
        lock.withLock { (byTemplate[template]?.count ?? 0) >= Self.limit }
    }

    func add(_ skeleton: TemplateSkeleton, for template: String) {
        lock.withLock {
            if byTemplate[template, default: []].count < Self.limit { byTemplate[template, default: []].append(skeleton) }
        }
    }
}
