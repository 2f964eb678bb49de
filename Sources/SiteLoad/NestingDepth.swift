import SiteModel

/// Blockquotes and lists nested deeper than any page needs are refused
/// before the Markdown parser sees them: a line of a few megabytes of `>`
/// makes millions of nested blocks and gigabytes of memory.
enum NestingDepth {
    static let limit = 20

    /// The first line whose container markers (`>`, `-`, `*`, `+`, `1.`) nest deeper than `limit`.
    static func firstTooDeep(_ text: String) -> (line: Int, depth: Int)? {
        var line = 1
        var depth = 0
        var atLineStart = true
        var digits = 0
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte == 0x0A {
                line += 1
                depth = 0
                atLineStart = true
                digits = 0
                previous = byte
                continue
            }
            guard atLineStart else { continue }
            switch byte {
            case 0x20, 0x09:
                // A bullet or a number counts once it is followed by a space.
                if previous == 0x2D || previous == 0x2A || previous == 0x2B || ((previous == 0x2E || previous == 0x29) && digits > 0) {
                    depth += 1
                }
                digits = 0
            case 0x3E: depth += 1  // >
            case 0x2D, 0x2A, 0x2B, 0x2E, 0x29: break  // - * + . ) wait for the space
            case 0x30...0x39: digits += 1
            default: atLineStart = false
            }
            if depth > limit { return (line, depth) }
            previous = byte
        }
        return nil
    }
}
