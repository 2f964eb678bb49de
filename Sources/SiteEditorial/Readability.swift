import Foundation
import SiteMarkdown

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
            let text = Self.withoutCitations(block.text)
            let blockSentences = Self.sentences(in: text)
            sentences += max(blockSentences.count, 1)
            for word in Self.words(in: text) {
                let count = Self.syllables(in: word)
                words += 1
                syllables += count
                if count >= 3 { polysyllables += 1 }
            }
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

    static func withoutCitations(_ text: String) -> String {
        var result = text
        for citation in Citation.scan(text).reversed() { result.removeSubrange(citation.range) }
        return result
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
                let sentence = text[start..<next].trimmingCharacters(in: .whitespaces)
                if !sentence.isEmpty { result.append(text[start..<next]) }
                start = next
            }
            index = next
        }
        if !text[start...].trimmingCharacters(in: .whitespaces).isEmpty { result.append(text[start...]) }
        return result
    }

    /// Runs of letters (with inner apostrophes and hyphens); numbers are words too.
    static func words<S: StringProtocol>(in text: S) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" || $0 == "-") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'’-")) }
            .filter { !$0.isEmpty }
    }

    /// Vowel groups, less a silent final `e` (but not `-le`), at least one; a number is read as one syllable.
    static func syllables(in word: String) -> Int {
        let letters = word.lowercased().filter(\.isLetter)
        guard !letters.isEmpty else { return 1 }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousWasVowel = false
        for letter in letters {
            let isVowel = vowels.contains(letter)
            if isVowel && !previousWasVowel { count += 1 }
            previousWasVowel = isVowel
        }
        if letters.hasSuffix("e") && !letters.hasSuffix("le") && !letters.hasSuffix("ee") && count > 1 { count -= 1 }
        if letters.hasSuffix("ed") && !letters.hasSuffix("ted") && !letters.hasSuffix("ded") && count > 1 { count -= 1 }
        return max(count, 1)
    }
}
