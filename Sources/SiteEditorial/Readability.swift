import CTextCounts
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

/// One text's words, syllables and sentences, counted as its bytes arrive
/// (a text may come in pieces), no word kept: pages can be megabytes long.
/// `CTextCounts` reads the bytes, 64 at a time; a scalar beyond ASCII that
/// it does not know is told here from Unicode's properties.
struct TextCounts {
    private var counts = site_text_counts()

    var words: Int { Int(counts.words) }
    var syllables: Int { Int(counts.syllables) }
    var polysyllables: Int { Int(counts.polysyllables) }
    /// Sentences so far, the one still open counted.
    var sentences: Int { Int(counts.sentence_ends) + (counts.saw_text != 0 ? 1 : 0) }

    /// Counts the word, if any, and starts the next.
    mutating func finishWord() {
        site_text_counts_finish_word(&counts)
    }

    /// `reader`: how the bytes are told apart, the fastest way the processor has unless a test says (`site_text_reader`).
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, reader: site_text_reader = SITE_TEXT_FASTEST) {
        guard let base = bytes.baseAddress else { return }
        var index = 0
        while true {
            let left = bytes.count - index
            index += site_text_counts_read_with(&counts, base + index, left, reader)
            guard index < bytes.count else { return }
            let (scalar, width) = bytes.scalar(at: index)
            index += width
            site_text_counts_beyond_ascii(&counts, WordScalars.kind(beyondASCII: scalar))
        }
    }
}

/// What a scalar is to a word: a word is letters or digits of any script,
/// joined by `'`, `’` and `-`. `CTextCounts` tells ASCII and the typographic
/// marks itself; this type tells it the scalars beyond them, from Unicode's
/// properties. (The syllable rules are `CTextCounts`'.)
enum WordScalars {
    /// What a scalar beyond ASCII is to a word. Out of line: inlined into `TextCounts.read`, the
    /// Unicode properties it asks for had `read` fetch their types' metadata at each call.
    @inline(never)
    static func kind(beyondASCII scalar: Unicode.Scalar) -> site_text_kind {
        isLetter(scalar) ? SITE_TEXT_LETTER : isDigit(scalar) ? SITE_TEXT_DIGIT : scalar == "’" ? SITE_TEXT_JOINER : SITE_TEXT_OTHER
    }

    /// ASCII answered without Unicode's property tables, which cost more than the rest of the count.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 0x30 && scalar.value <= 0x39) : scalar.properties.numericType != nil
    }
}
