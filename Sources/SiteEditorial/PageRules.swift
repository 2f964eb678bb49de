import Foundation
import SiteMarkdown
import SiteModel

/// The rules that read one page's text. Each regular expression is compiled
/// once and first run over the whole text: most pages match none, and a
/// page of many short blocks must not cost a search per block.
struct PageRules {
    let page: Page
    let site: Site
    /// The site's brand names as one pattern, compiled once for all pages.
    let brandPattern: NSRegularExpression?
    /// `brandWords(_:)` of the site's brands, also made once for all pages.
    let brandWords: [String]
    /// `ownNumber(_:)` of the site's telephone number, also made once.
    let ownNumber: [UInt8]?
    /// `ownLink(_:)` of the site's settings, also made once.
    let ownLink: (text: String, destination: String)?

    func findings() -> [Finding] {
        findings(MarkdownText.read(page.source.body, lineOffset: page.source.bodyLineOffset))
    }

    func findings(_ reading: MarkdownText.Reading) -> [Finding] {
        let (blocks, links) = reading
        // Each search copies the text for the regular expression library: a search runs
        // only where a word it needs is in the text at all, looked for on the bytes.
        let bytes = PageBytes(blocks.map(\.text))
        // The text the expressions search, made only for a page that one of them may match.
        lazy var text = blocks.map(\.text).joined(separator: "\n")
        // The long s, "ſ", matches "s" when case is ignored: a text with one is searched regardless.
        let searchAll = bytes.holds("ſ")
        func mayHold(_ words: [String]) -> Bool { searchAll || words.contains(where: bytes.holds) }
        var findings = readingLevel(blocks) + telephoneLinks(links)
        if searchAll || Self.mayStateResult(bytes), Self.matches(Self.result, text) { findings += figures(blocks, digits: bytes.digits) }
        if mayHold(Self.promiseWords), Self.matches(Self.promises, text) { findings += claims(blocks) }
        if bytes.digits.reduce(0, +) >= 10 { findings += telephoneFormats(blocks, digits: bytes.digits) }
        if page.audience == .patients, mayHold(brandWords), Self.matches(brandPattern, text) { findings += brands(blocks) }
        return findings
    }

    /// The site's brand names, lower case: one must be in a page's text for the brand rule to search it
    /// (a name with letters beyond ASCII, whose case the bytes do not tell, is found by the search alone).
    static func brandWords(_ brands: [String]) -> [String] {
        brands.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? brands.map(PageBytes.lowercased) : [""]
    }

    /// What `promises` cannot match without.
    static let promiseWords = ["cure", "guarantee", "best", "painless", "no side"]

    /// What `result` cannot match without: `%`, "per cent", "hazard ratio", or a
    /// figure, a space and a word that may be "months", "patients", "people", "men",
    /// "women", "more" or "fewer" (its first letter is enough to tell).
    static func mayStateResult(_ text: PageBytes) -> Bool {
        if text.holds("%") || text.holds("percent") || text.holds("per cent") || text.holds("hazard ratio") { return true }
        return text.withLowercased { bytes in
            // A character beyond ASCII is read as a scalar: a digit or a space of another script counts, and any
            // letter may begin the word (a ligature such as "ﬀ" matches "ff" when case is ignored).
            func isDigit(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII ? (0x30...0x39).contains(scalar.value) : scalar.properties.numericType == .decimal
            }
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
            }
            var index = 0
            while index < bytes.count {
                // Most bytes are ASCII and no digit: passed over eight at a time, or one by one near the end.
                if index &+ 8 <= bytes.count, !holdsDigitOrBeyondASCII(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index &+= 8
                    continue
                }
                if bytes[index] < 0x30 || (bytes[index] > 0x39 && bytes[index] < 0x80) {
                    index += 1
                    continue
                }
                let (digit, width) = bytes.scalar(at: index)
                index += width
                guard isDigit(digit) else { continue }
                var spaces = 0
                while index < bytes.count {
                    let (space, width) = bytes.scalar(at: index)
                    guard isSpace(space) else { break }
                    spaces += 1
                    index += width
                }
                guard spaces > 0, index < bytes.count else { continue }
                let first = bytes.scalar(at: index).scalar
                if first == "m" || first == "p" || first == "w" || first == "f" || (!first.isASCII && first.properties.isAlphabetic) {
                    return true
                }
            }
            return false
        }
    }

    /// Whether any of eight bytes is an ASCII digit or beyond ASCII, told at once: to a byte below 0x80,
    /// adding 0x50 sets its high bit when it is `0` or more and adding 0x46 when it is past `9`, with no carry.
    @inline(__always)
    static func holdsDigitOrBeyondASCII(_ eight: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ascii = eight & ~high
        let fromZero = (ascii &+ 0x5050_5050_5050_5050) & high
        let pastNine = (ascii &+ 0x4646_4646_4646_4646) & high
        return (eight & high) | (fromZero & ~pastNine) != 0
    }

    static func matches(_ pattern: NSRegularExpression?, _ text: String) -> Bool {
        pattern?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The brand names as one case-insensitive pattern of whole words.
    static func brandPattern(_ brands: [String]) -> NSRegularExpression? {
        guard !brands.isEmpty else { return nil }
        let names = brands.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        return try? NSRegularExpression(pattern: "\\b(" + names + ")\\b", options: [.caseInsensitive])
    }

    func finding(_ line: Int, _ rule: EditorialRule, _ message: String) -> Finding {
        Finding(page: page, file: page.source.displayPath, line: line, rule: rule, message: message)
    }

    // MARK: reading-level

    func readingLevel(_ blocks: [MarkdownText.Block]) -> [Finding] {
        guard page.audience == .patients else { return [] }
        let level = Readability(blocks)
        let limit = site.settings.editorial.readingGradeMax
        guard level.words >= 50, level.fleschKincaid > limit else { return [] }
        return [finding(page.source.bodyLineOffset + 1, .readingLevel, String(
            format: "reads at Flesch-Kincaid grade %.1f (SMOG %.1f), above grade %g for patients: use shorter sentences and words, or mark a page for clinicians 'audience: professional'",
            level.fleschKincaid, level.smog, limit))]
    }

    // MARK: prescription-brand

    func brands(_ blocks: [MarkdownText.Block]) -> [Finding] {
        var named: Set<String> = []
        var findings: [Finding] = []
        for block in blocks {
            for match in brandPattern?.matches(in: block.text, range: NSRange(block.text.startIndex..., in: block.text)) ?? [] {
                guard let range = Range(match.range, in: block.text) else { continue }
                let brand = String(block.text[range])
                if named.insert(brand.lowercased()).inserted {
                    findings.append(finding(block.line, .prescriptionBrand,
                                            "names the prescription-only medicine '\(brand)' on a page for patients, which UK rules forbid: use the generic name"))
                }
            }
        }
        return findings
    }

    // MARK: figure-without-evidence

    static let result = try? NSRegularExpression(
        pattern: #"\d+(\.\d+)?\s*(%|per ?cent\b)|hazard ratio|\b\d[\d,]*(\.\d+)?\s+(more\s+|fewer\s+)?(months?|patients|people|men|women)\b"#,
        options: [.caseInsensitive])

    func figures(_ blocks: [MarkdownText.Block], digits: [Int]) -> [Finding] {
        var findings: [Finding] = []
        // A result has a figure in it, or names a hazard ratio.
        for (block, digits) in zip(blocks, digits) where digits > 0 || block.text.containsBytes("hazard") || block.text.containsBytes("Hazard") {
            let text = block.text
            // One search over the block rather than one per sentence (each search copies its text
            // for the regular expression library); the sentences that state results are those holding a match.
            let matches = Self.result?.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) } ?? []
            guard !matches.isEmpty else { continue }
            let parts = Readability.sentences(in: text)
            let stating = Self.sentencesHolding(matches, parts)
            let sentences = parts.map(String.init)
            for (index, sentence) in sentences.enumerated() where stating?.contains(index) ?? Self.statesResult(sentence) {
                let next = index + 1 < sentences.count ? sentences[index + 1] : ""
                if Citation.scan(sentence).isEmpty && Citation.scan(next).isEmpty {
                    findings.append(finding(block.line, .figureWithoutEvidence,
                                            "states a result ('\(sentence.trimmingCharacters(in: .whitespaces).prefix(60))…') with no citation in that sentence or the next: cite the study, e.g. [@key]"))
                }
            }
        }
        return findings
    }

    /// The sentences each match lies in, or nil when a match runs over a
    /// sentence's end (then each sentence is searched on its own, as it reads alone).
    static func sentencesHolding(_ matches: [Range<String.Index>], _ sentences: [Substring]) -> Set<Int>? {
        var holding: Set<Int> = []
        for match in matches {
            guard let index = sentences.firstIndex(where: { $0.startIndex <= match.lowerBound && match.lowerBound < $0.endIndex }),
                  match.upperBound <= sentences[index].endIndex else { return nil }
            holding.insert(index)
        }
        return holding
    }

    static func statesResult(_ sentence: String) -> Bool {
        result?.firstMatch(in: sentence, range: NSRange(sentence.startIndex..., in: sentence)) != nil
    }

    // MARK: claim

    static let promises = try? NSRegularExpression(
        pattern: #"\b(cures?|cured|guarantee[ds]?|best|painless|no side[ -]effects?)\b"#, options: [.caseInsensitive])

    func claims(_ blocks: [MarkdownText.Block]) -> [Finding] {
        blocks.compactMap { block in
            guard let match = Self.promises?.firstMatch(in: block.text, range: NSRange(block.text.startIndex..., in: block.text)),
                  let range = Range(match.range, in: block.text) else { return nil }
            return finding(block.line, .claim, "'\(block.text[range])' is a claim that needs evidence: say what the evidence shows instead")
        }
    }

    // MARK: telephone-format, telephone-link

    static let telephone = try? NSRegularExpression(pattern: #"(\+44\s?\(?0?\)?\s?|\b0)\d[\d \-]{7,12}\d\b"#)

    func telephoneFormats(_ blocks: [MarkdownText.Block], digits: [Int]) -> [Finding] {
        let standard = site.settings.telephone
        // Made for a page with a block to search: most have none.
        lazy var international = "+44 " + standard.dropFirst()
        lazy var standardNational = Self.national(standard)
        var findings: [Finding] = []
        for (block, digits) in zip(blocks, digits) where digits >= 10 && Self.mayHoldNumber(block.text, besides: ownNumber) {
            let text = block.text
            for match in Self.telephone?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
                guard let range = Range(match.range, in: text) else { continue }
                let number = String(text[range])
                let national = Self.national(number)
                if national == standardNational, number != standard, number != international {
                    findings.append(finding(block.line, .telephoneFormat, "the number '\(number)' is written '\(standard)' on this site"))
                } else if national != standardNational, !Self.isGrouped(number) {
                    findings.append(finding(block.line, .telephoneFormat, "write the number '\(number)' in groups separated by single spaces, like \(standard)"))
                }
            }
        }
        return findings
    }

    /// What `telephone` cannot match without: nine characters in a row that are digits, spaces or hyphens.
    /// Told on the bytes, each beyond ASCII taken for such a character (a digit of another script is one).
    /// The site's own number (`ownNumber`) where it stands alone is no such characters: the expression
    /// can match there only that number, whole, which the rule accepts (most pages that hold a number
    /// hold the site's, and the search cost a fiftieth of a build).
    static func mayHoldNumber(_ text: String, besides own: [UInt8]? = nil) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // The stretches between the site's own numbers that stand alone, each looked through on its own.
            var from = 0
            if let own {
                var at = 0
                while let found = own.withUnsafeBytes({ ByteSearch.firstOffset(of: $0, in: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[at...])) }) {
                    let index = at + found
                    guard standsAlone(own, at: index, in: bytes) else {
                        at = index + 1
                        continue
                    }
                    if holdsNineInARow(UnsafeBufferPointer(rebasing: bytes[from..<index])) { return true }
                    from = index + own.count
                    at = from
                }
            }
            return holdsNineInARow(UnsafeBufferPointer(rebasing: bytes[from...]))
        }
    }

    /// Whether nine bytes in a row are digits, spaces, hyphens or beyond ASCII. Each window of nine is
    /// read from its end: at the first byte that is none of them, the next window starts after it (in
    /// prose most windows end in a letter, and the search moves on by nine).
    static func holdsNineInARow(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start + 9 <= bytes.count {
            var index = start + 8
            while index >= start {
                let byte = bytes[index]
                guard byte &- 0x30 < 10 || byte == 0x20 || byte == 0x2D || byte >= 0x80 else { break }
                index -= 1
            }
            if index < start { return true }
            start = index + 1
        }
        return false
    }

    /// The site's number as bytes, when it is digits, spaces and hyphens that the expression matches whole:
    /// where it stands alone no other match can start before it, nor a longer one go through it. Nil for any
    /// other number: every block with nine such characters is searched.
    static func ownNumber(_ number: String) -> [UInt8]? {
        let bytes = Array(number.utf8)
        // Of digits, spaces and hyphens only, a number the expression matches whole starts with its `\b0`.
        guard bytes.allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x20 || $0 == 0x2D }),
              let match = telephone?.firstMatch(in: number, range: NSRange(number.startIndex..., in: number)),
              Range(match.range, in: number) == number.startIndex..<number.endIndex else { return nil }
        return bytes
    }

    /// Whether `own` is at `index`, standing alone: no letter, digit or `_` touches it (the expression's
    /// word boundaries hold), and the characters a number may hold next to it on either side (white space,
    /// hyphens, brackets) reach no digit, `+` or character beyond ASCII.
    static func standsAlone(_ own: [UInt8], at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = index + own.count
        guard end <= bytes.count, own.withUnsafeBufferPointer({ memcmp(bytes.baseAddress! + index, $0.baseAddress!, own.count) == 0 }) else {
            return false
        }
        func isWord(_ byte: UInt8) -> Bool {
            byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "_")
        }
        func isBeside(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte &- 0x09 < 5 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
        }
        func mayNumber(_ byte: UInt8) -> Bool {
            byte &- 0x30 < 10 || byte == UInt8(ascii: "+") || byte >= 0x80
        }
        if index > 0 {
            guard bytes[index - 1] < 0x80, !isWord(bytes[index - 1]) else { return false }
            var before = index - 1
            while before >= 0, isBeside(bytes[before]) { before -= 1 }
            if before >= 0, mayNumber(bytes[before]) { return false }
        }
        if end < bytes.count {
            guard bytes[end] < 0x80, !isWord(bytes[end]) else { return false }
            var after = end
            while after < bytes.count, isBeside(bytes[after]) { after += 1 }
            if after < bytes.count, mayNumber(bytes[after]) { return false }
        }
        return true
    }

    func telephoneLinks(_ links: [MarkdownText.LinkText]) -> [Finding] {
        links.compactMap { link in
            // Compared byte for byte: `==` is canonical equivalence, which the rule's reading of the texts is not.
            if let ownLink, link.text.utf8.elementsEqual(ownLink.text.utf8), link.destination.utf8.elementsEqual(ownLink.destination.utf8) { return nil }
            guard Self.callsAnotherNumber(text: link.text, destination: link.destination) else { return nil }
            return finding(link.line, .telephoneLink, "the link '\(link.text)' calls \(link.destination.dropFirst(4)), another number")
        }
    }

    /// Whether a link is a `tel:` one whose text shows a number and that calls another.
    static func callsAnotherNumber(text: String, destination: String) -> Bool {
        guard calls(destination), text.contains(where: \.isNumber) else { return false }
        return national(String(destination.dropFirst(4))) != national(text)
    }

    /// The link that pages write to the site's number (its text the number, its destination `tel:` and the
    /// number in its international form), when `telephoneLinks` finds nothing in it: its answer depends on
    /// the text and the destination alone, so it is found once for all pages (it took a two-hundredth of a
    /// build, each page asking it anew). Nil when the rule reports it: each link is then read as any other.
    static func ownLink(_ settings: SiteSettings) -> (text: String, destination: String)? {
        let text = settings.telephone, destination = "tel:" + settings.telephoneInternational
        return callsAnotherNumber(text: text, destination: destination) ? nil : (text, destination)
    }

    /// Whether a link's destination is a `tel:` one, in any case. Told on its bytes when the first five are
    /// ASCII (a mark joined to the `:` would make it another character); else as its lower case starts.
    static func calls(_ destination: String) -> Bool {
        let utf8 = destination.utf8
        // Most links lead to pages: told by a first byte that is ASCII and no `t`.
        guard let first = utf8.first, first | 0x20 == 0x74 || first >= 0x80 else { return false }
        guard utf8.prefix(5).allSatisfy({ $0 < 0x80 }) else { return destination.lowercased().hasPrefix("tel:") }
        return utf8.count >= 4 && zip(utf8, "tel:".utf8).allSatisfy { byte, lower in byte == lower || (lower != 0x3A && byte | 0x20 == lower) }
    }

    /// The digits of a UK number as dialled inside the UK: `+44 1753 418444` is `01753418444`.
    static func national(_ number: String) -> String {
        let digits: String, international: Bool
        if number.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, as numbers are written: its digits are `0` to `9` and its spaces a space or a tab,
            // told by their bytes (the Characters' and Foundation's answers cost 10,000 instructions a number).
            digits = String(decoding: number.utf8.filter { $0 &- 0x30 < 10 }, as: UTF8.self)
            international = number.utf8.drop(while: { $0 == 0x20 || $0 == 0x09 }).starts(with: "+44".utf8)
        } else {
            digits = number.filter(\.isNumber)
            // Only the start matters: leading spaces dropped by scalar, as `trimmingCharacters(in: .whitespaces)`
            // would, without Foundation's copy of the whole string.
            international = String(number.unicodeScalars.drop(while: CharacterSet.whitespaces.contains)).hasPrefix("+44")
        }
        guard international else { return digits }
        // The country's `44` dropped, and the trunk `0` written once (`+44 (0)1753 …`).
        let rest = digits.dropFirst(2)
        return "0" + (rest.hasPrefix("0") ? rest.dropFirst() : rest)
    }

    /// Digits in groups of two to five, separated by single spaces.
    static func isGrouped(_ number: String) -> Bool {
        let groups = number.replacingOccurrences(of: "+44", with: "").split(separator: " ", omittingEmptySubsequences: false)
        return groups.count >= 2 && groups.allSatisfy { (2...5).contains($0.count) && $0.allSatisfy(\.isNumber) }
    }
}
