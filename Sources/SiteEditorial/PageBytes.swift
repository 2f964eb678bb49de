#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiteModel

/// A page's blocks as the rules' byte tests read them, made in one pass over
/// their bytes: the text, blocks joined by line breaks, with A–Z as a–z and
/// every other byte as it is (Unicode's `lowercased()` costs more than the
/// searches it saves), and the ASCII digits of each block.
struct PageBytes {
    /// The text, and a NUL after it for `strstr`.
    private let terminated: [UInt8]
    /// Whether the text holds a NUL of its own, where `strstr` would stop.
    private let holdsNUL: Bool
    let digits: [Int]

    /// The texts of a page's blocks, in order.
    init(_ texts: [String]) {
        var digits: [Int] = []
        digits.reserveCapacity(texts.count)
        let count = texts.reduce(max(texts.count - 1, 0)) { $0 + $1.utf8.count }
        terminated = [UInt8](unsafeUninitializedCapacity: count + 1) { out, initialized in
            var at = 0
            for (index, text) in texts.enumerated() {
                if index > 0 {
                    out[at] = 0x0A
                    at += 1
                }
                var text = text
                digits.append(text.withUTF8 { bytes in
                    Self.lower(bytes, into: UnsafeMutableBufferPointer(rebasing: out[at..<(at + bytes.count)]))
                })
                at += text.utf8.count
            }
            out[at] = 0
            initialized = at + 1
        }
        self.digits = digits
        holdsNUL = terminated.withUnsafeBytes { memchr($0.baseAddress!, 0, count) != nil }
    }

    /// The text's bytes.
    func withLowercased<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        terminated.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0.dropLast())) }
    }

    /// Copies `bytes` with A–Z as a–z, and counts their ASCII digits: two loops
    /// the compiler makes into vector instructions, sixteen bytes a step. (One
    /// loop for both, or a count in an `Int`, made it four bytes a step at
    /// thirteen instructions a byte; the count here is of 255 bytes at most
    /// at a time, so that it fits the byte each step adds it in.)
    private static func lower(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let from = bytes.baseAddress, let to = out.baseAddress else { return 0 }
        var index = 0
        while index < bytes.count {
            let byte = from[index]
            to[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            index &+= 1
        }
        var found = 0
        var start = 0
        while start < bytes.count {
            let end = min(start &+ 255, bytes.count)
            var counted: UInt8 = 0
            while start < end {
                counted &+= from[start] &- 0x30 < 10 ? 1 : 0
                start &+= 1
            }
            found &+= Int(counted)
        }
        return found
    }

    /// Whether `word`, lower case, occurs in the text: by the C library's `strstr`, which
    /// compares a vector's width of places at a time (`memchr` on the word's first letter
    /// stopped at each of its places in the text: some 140 calls a word on a page of prose).
    func holds(_ word: String) -> Bool {
        guard !holdsNUL, !word.utf8.contains(0) else {
            var word = word
            return word.withUTF8 { needle in withLowercased { ByteSearch.contains(needle, in: $0) } }
        }
        return terminated.withUnsafeBytes { text in
            word.withCString { strstr(text.baseAddress!.assumingMemoryBound(to: CChar.self), $0) != nil }
        }
    }

    /// One text, as its page's bytes would have it.
    static func lowercased(_ text: String) -> String {
        PageBytes([text]).withLowercased { String(decoding: $0, as: UTF8.self) }
    }
}
