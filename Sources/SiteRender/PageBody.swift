import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A page's Markdown HTML put into its file as cmark wrote it. The page's
/// template is rendered with a stand-in where the HTML goes, and the stand-in's
/// bytes are then replaced by the HTML's: the HTML is never made a `String`
/// (which checks each byte as UTF-8) nor copied through the template's output.
///
/// To the template the stand-in is as the HTML: not empty, and ending in its
/// line break (after which the template library indents a partial's next
/// line). Where the template escapes it, its `<` and `>` change; and its NUL
/// bytes mark wherever it went. So when the output holds the stand-in once,
/// as it is, and no other NUL, the template showed the HTML there, once, as
/// it is; in any other case the page is rendered with the HTML itself. Templates
/// whose text holds a NUL (which could be the stand-in's own bytes) never use it.
enum PageBody {
    static let standIn = "\u{0}<page-body>\u{0}\n"

    /// Whether `html` can stand in the template as the stand-in: it ends in a line break
    /// that is a character of its own, as cmark's HTML of a body with any block does.
    static func hasStandIn(_ html: [UInt8]) -> Bool {
        html.count >= 2 && html[html.count - 1] == 0x0A && html[html.count - 2] != 0x0D
    }

    /// The template's output `bytes` (the library's text, or a skeleton's bytes) with its one
    /// stand-in replaced by `html`, and where the HTML starts in it; nil unless the stand-in
    /// stands there once and no other NUL does.
    static func file(_ bytes: UnsafeBufferPointer<UInt8>, html: [UInt8]) -> (file: Data, start: Int)? {
        var mark = standIn
        return mark.withUTF8 { mark -> (Data, Int)? in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let end = start + mark.count
            guard end <= bytes.count, memcmp(base + start, mark.baseAddress!, mark.count) == 0,
                  memchr(base + end, 0, bytes.count - end) == nil else { return nil }
            var file = Data(capacity: bytes.count - mark.count + html.count)
            file.append(base, count: start)
            html.withUnsafeBufferPointer { file.append($0) }
            file.append(base + end, count: bytes.count - end)
            return (file, start)
        }
    }
}
