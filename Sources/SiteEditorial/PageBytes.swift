import SiteModel

/// A page's blocks as the rules' byte tests read them, made in one pass over
/// their bytes: the text, blocks joined by line breaks, with A–Z as a–z and
/// every other byte as it is (Unicode's `lowercased()` costs more than the
/// searches it saves), and the ASCII digits of each block.
struct PageBytes {
    let lowercased: [UInt8]
    let digits: [Int]

    /// The texts of a page's blocks, in order.
    init(_ texts: [String]) {
        var digits: [Int] = []
        digits.reserveCapacity(texts.count)
        let count = texts.reduce(max(texts.count - 1, 0)) { $0 + $1.utf8.count }
        lowercased = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
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
            initialized = at
        }
        self.digits = digits
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

    /// Whether `word`, lower case, occurs in the text.
    func holds(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { needle in lowercased.withUnsafeBufferPointer { ByteSearch.contains(needle, in: $0) } }
    }

    /// One text, as its page's bytes would have it.
    static func lowercased(_ text: String) -> String {
        String(decoding: PageBytes([text]).lowercased, as: UTF8.self)
    }
}
