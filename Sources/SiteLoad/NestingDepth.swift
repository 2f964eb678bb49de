import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blockquotes and lists nested deeper than any page needs are refused
/// before the Markdown parser sees them: a line of a few megabytes of `>`
/// makes millions of nested blocks and gigabytes of memory.
enum NestingDepth {
    static let limit = 20

    /// The first line of a text's UTF-8 bytes whose container markers (`>`, `-`, `*`, `+`, `1.`)
    /// nest deeper than `limit`.
    static func firstTooDeep(_ raw: UnsafeRawBufferPointer) -> (line: Int, depth: Int)? {
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        guard let base = bytes.baseAddress else { return nil }
        var line = 1
        var index = 0
        while index < bytes.count {
            if let depth = depth(of: bytes, from: &index) { return (line, depth) }
            // The rest of the line holds no markers: on to the next, found by memchr.
            guard let newline = memchr(base + index, 0x0A, bytes.count - index) else { return nil }
            index = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) - base + 1
            line += 1
        }
        return nil
    }

    /// Reads the container markers at the start of the line at `index`, leaving
    /// `index` where they end; the depth when it is above the limit.
    private static func depth(of bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Int? {
        var depth = 0
        var digits = 0
        var previous: UInt8 = 0x20
        while index < bytes.count {
            let byte = bytes[index]
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
            default: return nil  // a newline, or the line's text
            }
            if depth > limit { return depth }
            previous = byte
            index += 1
        }
        return nil
    }
}
