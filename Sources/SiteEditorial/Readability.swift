import Foundation
import SiteMarkdown
import SiteModel

/// Reading level of a page's body text: Flesch-Kincaid grade and SMOG
/// grade, the two measures UK health writers are asked to check. Every
/// heading and list item counts as a sentence of its own; citations and
/// link targets are not words. Syllables are counted by vowel groups with
/// the usual English corrections (no dictionary is available to the build).
public struct Readability: Sendable, Equatable {
    public let words: Int
    public let sentences: Int
    public let syllables: Int
    /// Words of three syllables or more.
    public let polysyllables: Int

    public init(_ blocks: [MarkdownText.Block]) {
        var words = 0, sentences = 0, syllables = 0, polysyllables = 0
        for block in blocks {
            var counts = TextCounts()
            var text = block.text
            // Citations are not words: the text around them is read as if they were cut out (no copy made).
            text.withUTF8 { bytes in
                let citations = Citation.byteRanges(in: bytes)
                var from = 0
                for citation in citations {
                    counts.read(UnsafeBufferPointer(rebasing: bytes[from..<citation.lowerBound]))
                    from = citation.upperBound
                }
                counts.read(UnsafeBufferPointer(rebasing: bytes[from...]))
            }
            counts.finishWord()
            sentences += max(counts.sentences, 1)
            words += counts.words
            syllables += counts.syllables
            polysyllables += counts.polysyllables
        }
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.polysyllables = polysyllables
    }

    /// Flesch-Kincaid grade level.
    public var fleschKincaid: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// SMOG grade (McLaughlin 1969), scaled to 30 sentences.
    public var smog: Double {
        guard sentences > 0 else { return 0 }
        return 1.043 * (Double(polysyllables) * 30 / Double(sentences)).squareRoot() + 3.1291
    }

    /// Sentences end at `.`, `?` or `!` followed by a space or the end, not inside numbers (`3.5`).
    public static func sentences(in text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".?!".contains(character), next == text.endIndex || text[next] == " " {
                if !isBlank(text[start..<next]) { result.append(text[start..<next]) }
                start = next
            }
            index = next
        }
        if !isBlank(text[start...]) { result.append(text[start...]) }
        return result
    }

    static func isBlank(_ text: Substring) -> Bool {
        text.unicodeScalars.allSatisfy(\.isHorizontalSpace)
    }

    /// The syllables of a word, as a page's text is counted.
    static func syllables(in word: String) -> Int {
        var counts = TextCounts(), word = word
        word.withUTF8 { counts.read($0) }
        counts.finishWord()
        return counts.syllables
    }
}

/// One text's words, syllables and sentences, counted in one pass over its
/// bytes as they arrive (a text may come in pieces), no word kept: pages can
/// be megabytes long. A sentence ends at `.`, `?` or `!` before a space or
/// the end, when text stands since the last end (not inside numbers: `3.5`).
/// The word being read is counted as `WordSyllables` counts it, in fields of
/// this type's own, so that one loop reads each byte once for all counts
/// (and a run of ASCII letters in a loop of its own).
struct TextCounts {
    private(set) var words = 0, syllables = 0, polysyllables = 0
    private var sentenceEnds = 0
    private var sawText = false, previousIsMark = false
    // The word being read: see `WordSyllables`.
    private var isWord = false, previousWasVowel = false
    private var groups = 0
    private var tail: UInt32 = 0

    /// Sentences so far, the one still open counted.
    var sentences: Int { sentenceEnds + (sawText ? 1 : 0) }

    /// Counts the word, if any, and starts the next.
    @inline(__always)
    mutating func finishWord() {
        guard isWord else { return }
        let count = WordSyllables.syllables(groups: groups, tail: tail)
        words &+= 1
        syllables &+= count
        polysyllables &+= count >= 3 ? 1 : 0
        isWord = false
        previousWasVowel = false
        groups = 0
        tail = 0
    }

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // A run of ASCII letters, most of the text, read in a loop of its own: a letter
            // leaves the sentence as text with no mark last, so only the word is counted.
            if (byte | 0x20) &- 0x61 < 26 {
                // In 32-bit registers, the vowel a 0 or 1 and the letter its place in the
                // alphabet: as Bools and bytes, the loop took 22 instructions a letter.
                var groups = UInt32(truncatingIfNeeded: self.groups), previous: UInt32 = self.previousWasVowel ? 1 : 0
                var tail = self.tail
                var letter = UInt32(byte | 0x20) &- 0x61
                repeat {
                    let vowel = WordSyllables.vowels &>> letter & 1
                    groups &+= vowel & ~previous
                    previous = vowel
                    tail = tail &<< 8 | (letter &+ 0x61)
                    index &+= 1
                    guard index < bytes.count else { break }
                    letter = UInt32(bytes[index] | 0x20) &- 0x61
                } while letter < 26
                (self.groups, self.previousWasVowel, self.tail) = (Int(groups), previous != 0, tail & 0xFF_FFFF)
                isWord = true
                sawText = true
                previousIsMark = false
                continue
            }
            // Other ASCII, told by its byte alone; the sentence without a branch
            // (text and marks alternate as good as at random to the processor).
            if byte < 0x80 {
                index &+= 1
                let isMark = byte == 0x2E || byte == 0x3F || byte == 0x21
                let isSpace = byte == 0x20
                let ends = previousIsMark && isSpace && sawText
                sentenceEnds &+= ends ? 1 : 0
                sawText = !ends && (sawText || !(isSpace || isMark))
                previousIsMark = isMark
                if byte &- 0x30 < 10 {
                    isWord = true
                } else if byte != 0x27 && byte != 0x2D {
                    finishWord()
                }
                continue
            }
            let (scalar, width) = bytes.scalar(at: index)
            index &+= width
            // Beyond ASCII: text, never a mark or a space; a letter no vowel of `aeiouy`.
            sawText = true
            previousIsMark = false
            switch WordSyllables.kind(beyondASCII: scalar) {
            case .letter:
                isWord = true
                previousWasVowel = false
                tail = (tail << 8 | WordSyllables.beyondASCII) & 0xFF_FFFF
            case .digit:
                isWord = true
            case .joiner:
                break
            case .other:
                finishWord()
            }
        }
    }
}

/// What a word's syllables are: its vowel groups (`aeiouy`), less a silent
/// final `e` (not `-le`, `-ee`) and a silent `-ed` (not `-ted`, `-ded`), at
/// least one; a word of digits only is one syllable. A word's letters are
/// letters or digits of any script, joined by `'`, `’` and `-`; `TextCounts`
/// reads them.
enum WordSyllables {
    /// `aeiouy`, each a bit at its place in the alphabet (`a` the lowest).
    static let vowels: UInt32 = 1 << 0 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20 | 1 << 24

    /// A letter beyond ASCII among a word's last three letters, which no ending below is made of.
    static let beyondASCII: UInt32 = 0x80

    /// What a scalar beyond ASCII is to a word.
    enum Kind {
        case letter, digit, joiner, other
    }

    /// Out of line: inlined into `TextCounts.read`, the Unicode properties it asks for had
    /// `read` fetch their types' metadata at each call (some 90 instructions, 73 calls a page).
    @inline(never)
    static func kind(beyondASCII scalar: Unicode.Scalar) -> Kind {
        isLetter(scalar) ? .letter : isDigit(scalar) ? .digit : scalar == "’" ? .joiner : .other
    }

    /// ASCII answered without Unicode's property tables, which cost more than the rest of the count.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 0x30 && scalar.value <= 0x39) : scalar.properties.numericType != nil
    }

    /// `groups` of vowels, and the word's last three letters, lower case, a byte each, newest lowest.
    @inline(__always)
    static func syllables(groups: Int, tail: UInt32) -> Int {
        guard groups > 0 else { return 1 }
        var count = groups
        let (a, b, c) = (tail >> 16, tail >> 8 & 0xFF, tail & 0xFF)
        let e: UInt32 = 0x65, l: UInt32 = 0x6C, d: UInt32 = 0x64, t: UInt32 = 0x74
        if c == e && b != l && b != e && count > 1 { count -= 1 }
        if b == e && c == d && a != t && a != d && count > 1 { count -= 1 }
        return max(count, 1)
    }
}
