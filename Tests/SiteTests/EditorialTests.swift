import CTextCounts
import Foundation
import XCTest
@testable import SiteEditorial
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline

/// Each editorial rule fires when it should and stays quiet when it should;
/// findings are warnings unless site.yaml makes them errors, and a page can
/// allow one with a reason.
final class EditorialTests: WorkspaceTestCase {
    /// The editorial findings of a build, by rule (the fixture's service page cites nothing on purpose elsewhere).
    func findings(_ file: String? = nil) throws -> [EditorialRule] {
        let report = try workspace.build()
        return report.warnings.filter { $0.reason == .editorial && (file == nil || $0.file == workspace.displayPath(file!)) }
            .compactMap(\.rule)
    }

    func addToAbout(_ text: String) throws {
        try workspace.edit("about.md", replacing: "## Evidence", with: text + "\n\n## Evidence")
    }

    func testTheFixtureIsClean() throws {
        XCTAssertEqual(try findings(), [])
    }

    func testAServicePageWithoutACitationIsFlagged() throws {
        try workspace.edit("services/psma.md", replacing: " [@hofman2018]", with: "")
        XCTAssertEqual(try findings("services/psma.md"), [.serviceWithoutCitation])
    }

    static let dense = "Comprehensive multidisciplinary evaluation incorporating molecular imaging characterisation facilitates individualised therapeutic decision-making regarding radioligand administration, considering haematological, renal and hepatic parameters alongside performance status, comorbidities and previous systemic anticancer therapies including chemotherapy, immunotherapy and androgen-receptor pathway inhibitors, whose cumulative toxicities substantially influence eligibility determinations."

    func testReadingLevelAbovePatientsGradeIsFlagged() throws {
        try addToAbout(Self.dense)
        XCTAssertEqual(try findings("about.md"), [.readingLevel])
    }

    func testPagesForProfessionalsAreExemptAndLabelled() throws {
        try addToAbout(Self.dense)
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\naudience: professional")
        XCTAssertEqual(try findings("about.md"), [])
        XCTAssertTrue(try workspace.read("about/index.html").contains("For healthcare professionals"))
    }

    func testReadabilityMeasures() {
        let simple = Readability([.init(kind: .paragraph, text: "The cat sat on the mat. It was warm.", line: 1)])
        XCTAssertEqual(simple.words, 9)
        XCTAssertEqual(simple.sentences, 2)
        XCTAssertLessThan(simple.fleschKincaid, 2)
        let hard = Readability([.init(kind: .paragraph, text: Self.dense, line: 1)])
        XCTAssertGreaterThan(hard.fleschKincaid, 20)
        XCTAssertGreaterThan(hard.smog, 15)
        XCTAssertEqual(Readability.syllables(in: "theranostics"), 4)
        XCTAssertEqual(Readability.syllables(in: "table"), 2)
        XCTAssertEqual(Readability.syllables(in: "made"), 1)
    }

    /// The rule's endings, each held by words whose dictionary count it gives:
    /// a final `e` is silent but after `l` or another `e`, and `-ed` is silent
    /// but after `t` or `d`; a word of one vowel group keeps its one syllable.
    func testSyllableEndingsGiveTheDictionarysCounts() {
        let counts = ["made": 1, "cake": 1, "hope": 1, "table": 2, "little": 2, "agree": 2, "degree": 2, "free": 1,
                      "jumped": 1, "helped": 1, "wanted": 2, "added": 2, "needed": 2, "the": 1, "be": 1, "bed": 1, "red": 1,
                      "rhythm": 1, "Jumped": 1, "TABLE": 2, "treatment": 2, "patient": 2, "theranostics": 4]
        for (word, count) in counts {
            XCTAssertEqual(Readability.syllables(in: word), count, word)
        }
    }

    /// Words and syllables counted on the bytes are those counted scalar by
    /// scalar, and sentences those that end at a mark before a space or the end;
    /// a text read in pieces is counted as the text read whole.
    func testWordsCountedOnBytesAreWordsCountedOnScalars() {
        let texts = ["The cat sat on the mat.", Self.dense, "Don’t stop—it’s fine; e-mail 0800-123 at 9am. Zoë’s CAFÉ naïve résumé.",
                     "x", "", "  ", "'quoted' -- dashes - and ’curly’", "١٢٣ digits and ÄÖÜ letters", "tabs\tand\nlines"]
        // And 200 texts drawn from letters, digits and marks that join, split or end words.
        var generator = SeededGenerator(seed: 20261129)
        let pieces = ["a", "e", "i", "o", "u", "y", "t", "l", "d", "s", "E", "D", "L", "Y", "7", "0", "'", "-", "’", " ", ".", ",", "\n", "?", "!", "  ", ". ",
                      "é", "Ä", "ß", "ω", "١", "—", "😀", "\u{301}", "ted", "led", "ee", "ée", "Ďe", "“", "”", "‘", "–", "…", "\u{2010}", "€"]
        // Short ones, and long ones that span several of the 64-byte blocks the count reads at a time.
        let drawn = (0..<300).map { number in
            (0..<Int.random(in: 0..<(number < 200 ? 120 : 600), using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        // And 300 of prose: runs of letters and spaces between a few marks, some of them typographic.
        let prosePieces = ["a", "e", "i", "o", "u", "y", "t", "l", "d", "s", "E", "D", "Y", "ted", "led", "ee", "the", "strength",
                           " ", " ", " ", "  ", ". ", "? ", ".", "'", "7", "é", "’", "“", "—"]
        let weights = [1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 6, 6, 6, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let prose = (0..<300).map { _ in
            (0..<Int.random(in: 0..<400, using: &generator)).map { _ -> String in
                var pick = Int.random(in: 0..<weights.reduce(0, +), using: &generator)
                for (piece, weight) in zip(prosePieces, weights) {
                    if pick < weight { return piece }
                    pick -= weight
                }
                return " "
            }.joined()
        }
        for text in texts + drawn + prose {
            var words = 0, syllables = 0, polysyllables = 0
            var word = ScalarWord()
            func finish() {
                guard word.isWord else { return }
                words += 1
                syllables += word.syllables
                if word.syllables >= 3 { polysyllables += 1 }
                word = ScalarWord()
            }
            for scalar in text.unicodeScalars {
                if WordScalars.isLetter(scalar) || WordScalars.isDigit(scalar) {
                    word.add(scalar)
                } else if scalar != "'" && scalar != "’" && scalar != "-" {
                    finish()
                }
            }
            finish()
            var sentences = 0, sawText = false
            let scalars = Array(text.unicodeScalars)
            for (previous, scalar) in zip([" "] + scalars, scalars) {
                if ".?!".unicodeScalars.contains(previous) && scalar == " " && sawText {
                    sentences += 1
                    sawText = false
                } else if !" .?!".unicodeScalars.contains(scalar) {
                    sawText = true
                }
            }
            // Read whole, and cut at scalar boundaries drawn at random.
            let cuts = text.unicodeScalars.indices.filter { _ in Int.random(in: 0..<8, using: &generator) == 0 }
                .map { text.utf8.distance(from: text.startIndex, to: $0) }
            // The fastest way (AVX2 where the processor has it), SSE2, and the bytes told apart one by one.
            for pieces in [[], cuts] {
                for reader in [SITE_TEXT_FASTEST, SITE_TEXT_SSE2, SITE_TEXT_PORTABLE] {
                    var counts = TextCounts()
                    var bytes = text
                    bytes.withUTF8 { bytes in
                        for (from, to) in zip([0] + pieces, pieces + [bytes.count]) {
                            counts.read(UnsafeBufferPointer(rebasing: bytes[from..<to]), reader: reader)
                        }
                    }
                    counts.finishWord()
                    XCTAssertEqual([counts.words, counts.syllables, counts.polysyllables, counts.sentences],
                                   [words, syllables, polysyllables, sentences + (sawText ? 1 : 0)], "\(text) cut at \(pieces), reader: \(reader)")
                }
            }
        }
    }

    /// A citation counts as neither words nor a sentence's end: a block reads as the block without it.
    func testCitationsAreNotRead() {
        let cited = ["Both treatments work [@hofman2018; @strosberg2017]. Ask us.", "[@a]", "It helps[@a].[@b] Then", "Á [@x-1] é [@bad key] [@y]"]
        let cut = ["Both treatments work . Ask us.", "", "It helps. Then", "Á  é [@bad key] "]
        for (text, without) in zip(cited, cut) {
            XCTAssertEqual(Readability([.init(kind: .paragraph, text: text, line: 1)]), Readability([.init(kind: .paragraph, text: without, line: 1)]), text)
        }
    }

    func testABrandNameOnAPatientPageIsFlaggedButNotForProfessionals() throws {
        try addToAbout("Some people are treated with Pluvicto.")
        XCTAssertEqual(try findings("about.md"), [.prescriptionBrand])
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\naudience: professional")
        XCTAssertEqual(try findings("about.md"), [])
    }

    func testAFigureNeedsACitationInItsSentenceOrTheNext() throws {
        try addToAbout("The treatment helped 57% of the men. That is a lot.")
        XCTAssertEqual(try findings("about.md"), [.figureWithoutEvidence])
        try workspace.edit("about.md", replacing: "That is a lot.", with: "That is a lot [@hofman2018].")
        XCTAssertEqual(try findings("about.md"), [])
    }

    /// The rules search a page only when a word their patterns need is in it:
    /// whatever the page, they must find what their patterns find.
    func testTheSearchesSkippedAreOnlyThoseThatCouldNotMatch() throws {
        let shapes = ["Survival rose by 4\u{A0}months.", "It was the be\u{17F}t care.", "The 2 groups: 3 men, 4 women.",
                      "A hazard ratio of 0.7 was seen.", "Thirty per cent had side effects.", "In 12 patients it worked. Then 3 more patients did.",
                      "Care is the BEST it can be.", "No figure here at all.", "Call 0800 123 4567 today."]
        for shape in shapes {
            workspace = try Workspace()
            try addToAbout(shape)
            let range = NSRange(shape.startIndex..., in: shape)
            let rules = try findings("about.md")
            XCTAssertEqual(rules.contains(.figureWithoutEvidence), PageRules.result?.firstMatch(in: shape, range: range) != nil, shape)
            XCTAssertEqual(rules.contains(.claim), PageRules.promises?.firstMatch(in: shape, range: range) != nil, shape)
        }
    }

    /// The byte test that lets a page skip the result search must say yes
    /// wherever the search finds something: checked on every joining of
    /// figures, spaces and words that the pattern reads, and some it does not.
    func testTheResultSearchIsSkippedOnlyWhereItCouldNotMatch() {
        let figures = ["4", "1,000", "2.5", "\u{0664}", "\u{FF17}", "x", "’"]
        let spaces = [" ", "  ", "\t", "\u{A0}", "\u{2009}", "\u{3000}", "\n", "’", ""]
        let words = ["months", "Month", "PATIENTS", "people", "men", "Women", "more men", "fewer patients", "ﬀewer people",
                     "%", "per cent", "Percent", "dogs", "of them", "Hazard Ratio", "hazard  ratio", "page"]
        var matched = 0
        for figure in figures {
            for space in spaces {
                for word in words {
                    let text = "In the trial " + figure + space + word + " had scans."
                    let matches = PageRules.result?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                    if matches { matched += 1 }
                    XCTAssertTrue(!matches || PageRules.mayStateResult(PageBytes([text])), text)
                }
            }
        }
        // The shapes hold matches and texts the byte test turns away.
        XCTAssertGreaterThan(matched, 100)
        XCTAssertFalse(PageRules.mayStateResult(PageBytes(["See page 12 of 40 and 3 dogs in 2026."])))
        // Letters and punctuation beyond ASCII are not figures or spaces.
        XCTAssertFalse(PageRules.mayStateResult(PageBytes(["The team’s 3 cafés – Zoë’s 2 ‘rooms’."])))
    }

    /// The figure test passes over eight bytes at a time: a figure, a letter
    /// beyond ASCII or a space of another script is found wherever it stands
    /// against those eights, as the test byte by byte finds it.
    func testTheResultTestFindsAFigureAtAnyPlace() {
        let shapes = ["4 months", "12  patients", "3\u{A0}men", "٤ people", "7 ﬀewer", "dogs 4 women"]
        let turnedAway = ["4 dogs", "page 12 of 40", "café 3 rooms", "x", ""]
        for lead in 0..<17 {
            let padding = String(repeating: "a", count: lead)
            for shape in shapes {
                XCTAssertTrue(PageRules.mayStateResult(PageBytes([padding + shape])), padding + shape)
                XCTAssertTrue(PageRules.mayStateResult(PageBytes([padding + shape + padding])), padding + shape + padding)
            }
            for shape in turnedAway {
                XCTAssertFalse(PageRules.mayStateResult(PageBytes([padding + shape + padding])), padding + shape + padding)
            }
        }
        // Each byte value alone among ASCII letters, at each place of eight: a digit or a byte beyond ASCII is seen.
        for byte in UInt8.min...UInt8.max {
            for place in 0..<8 {
                var eight = [UInt8](repeating: 0x61, count: 8)
                eight[place] = byte
                let word = eight.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                XCTAssertEqual(PageRules.holdsDigitOrBeyondASCII(word), (0x30...0x39).contains(byte) || byte >= 0x80, "\(byte) at \(place)")
            }
        }
    }

    /// A page's bytes for the byte tests are its blocks joined by line breaks,
    /// A–Z lowered and nothing else, with each block's ASCII digits counted.
    func testPageBytesAreTheJoinedTextLoweredInASCII() {
        var generator = SeededGenerator(seed: 20261130)
        let pieces = ["A", "Z", "a", "z", "@", "[", "`", "{", "0", "9", "/", ":", " ", "\n", "É", "é", "ſ", "Ω", "١", "😀", "ﬀ", "K", "\u{0}"]
        for _ in 0..<300 {
            let texts = (0..<Int.random(in: 0..<6, using: &generator)).map { _ in
                (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let bytes = PageBytes(texts)
            let lowered = texts.joined(separator: "\n").unicodeScalars.map { ("A"..."Z").contains($0) ? String($0).lowercased() : String($0) }.joined()
            XCTAssertEqual(bytes.withLowercased { String(decoding: $0, as: UTF8.self) }, lowered, "\(texts)")
            XCTAssertEqual(bytes.digits, texts.map { $0.unicodeScalars.filter { ("0"..."9").contains($0) }.count }, "\(texts)")
            // A word is found where it is, a NUL in the text or the word (where the C library's search would stop) included.
            let loweredBytes = Array(lowered.utf8)
            for word in ["", "a", "az", "z\na", "\u{0}", "a\u{0}z", "\u{0}@", "ſ", "é9", "k", "zz"] {
                let pattern = Array(word.utf8)
                let found = loweredBytes.count >= pattern.count
                    && (0...(loweredBytes.count - pattern.count)).contains { loweredBytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
                XCTAssertEqual(bytes.holds(word), found, "\(texts) ∋ \(word.debugDescription)")
            }
        }
        // Digits are counted 255 bytes at a time: runs longer than that, and of every length around it.
        for length in [254, 255, 256, 510, 511, 700, 100_000] {
            let digits = String(repeating: "7", count: length)
            XCTAssertEqual(PageBytes([digits, "x" + digits + "Y"]).digits, [length, length], "\(length)")
        }
    }

    func testATrialNameIsNotAResult() throws {
        try addToAbout("The NETTER-1 trial compared two treatments. It included 229 patients [@strosberg2017].")
        XCTAssertEqual(try findings("about.md"), [])
        try addToAbout("Survival improved by 11 months.")
        XCTAssertEqual(try findings("about.md"), [.figureWithoutEvidence])
    }

    func testClaimsAreFlagged() throws {
        try addToAbout("It is a painless treatment.")
        XCTAssertEqual(try findings("about.md"), [.claim])
    }

    func testAPageCanAllowAFindingWithAReason() throws {
        try addToAbout("It is a painless treatment.")
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\nallow:\n  claim: the injection itself does not hurt")
        XCTAssertEqual(try findings("about.md"), [])
    }

    func testAllowingNeedsAKnownRuleAndAReason() throws {
        try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\nallow:\n  claims: typo\n  claim:")
        let errors = workspace.failingBuild()
        XCTAssertEqual(Set(errors.reasons), [.unknownField, .emptyField], "\(errors)")
    }

    func testARuleCanBeMadeAnError() throws {
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "editorial:\n  rules:\n    claim: error\ntelephone: ")
        try addToAbout("It is a painless treatment.")
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.map(\.rule), [.claim])
        XCTAssertEqual(errors.first?.line, 11)
    }

    func testARuleThatProtectsPatientsCannotBeSwitchedOff() throws {
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "editorial:\n  rules:\n    claim: off\ntelephone: ")
        XCTAssertEqual(workspace.failingBuild().reasons, [.badFormat])
    }

    func testOtherRulesCanBeSwitchedOff() throws {
        try workspace.edit("services/psma.md", replacing: " [@hofman2018]", with: "")
        try workspace.edit("site.yaml", replacing: "telephone: ", with: "editorial:\n  rules:\n    service-without-citation: off\ntelephone: ")
        XCTAssertEqual(try findings(), [])
    }

    func testAnUncitedReferenceIsFlagged() throws {
        try workspace.edit("about.md", replacing: "[@strosberg2017; @hofman2018]", with: "[@hofman2018]")
        XCTAssertEqual(try findings("references/strosberg2017.md"), [.uncitedReference])
    }

    /// The byte search held to a plain search of the bytes, and the national reading of numbers to
    /// Foundation's trimming, on written and drawn texts.
    func testByteSearchAndNationalNumbersAnswerAsFoundation() {
        var generator = SeededGenerator(seed: 20261129)
        let pieces = ["n", "o", "no", " ", "side", "s", "e", "nos", "oo", "d", "+", "4", "44", "0", "1", "é", "\u{301}", "\u{2003}", "\t", "ſ", "\n", "٣"]
        let drawn = (0..<400).map { _ in (0..<Int.random(in: 0..<40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        let needles = ["no side", "n", "no", "on", "side", "ſ", "é", "+44", "44 0", "e\u{301}", "nos nos", "s nos", "side side", "oo", "ee"]
        for text in drawn + ["", "no side", "no sid", "o side", "+44 1753 418444", " \u{2003}+44 (0)1753", "\u{301}+44 1", "\t+44 1753 418444",
                             " \t +44 (0)1753 418444", "\n+44 1753", "+4", "+44", "+440", "(+44) 1753"] {
            let haystack = Array(text.utf8)
            for needle in needles {
                let pattern = Array(needle.utf8)
                let found = haystack.count >= pattern.count
                    && (0...(haystack.count - pattern.count)).contains { haystack[$0..<($0 + pattern.count)].elementsEqual(pattern) }
                XCTAssertEqual(text.containsBytes(needle), found, "\(text) ∋ \(needle)")
                // Where it first is, whichever of its bytes the search looks for.
                let first = (0..<max(haystack.count - pattern.count + 1, 0)).first { haystack[$0..<($0 + pattern.count)].elementsEqual(pattern) }
                let offset = haystack.withUnsafeBytes { bytes in pattern.withUnsafeBytes { ByteSearch.firstOffset(of: $0, in: bytes) } }
                XCTAssertEqual(offset, first, "\(text) ∋ \(needle)")
                let last = (0..<max(haystack.count - pattern.count + 1, 0)).last { haystack[$0..<($0 + pattern.count)].elementsEqual(pattern) }
                let lastOffset = haystack.withUnsafeBytes { bytes in pattern.withUnsafeBytes { ByteSearch.lastOffset(of: $0, in: bytes) } }
                XCTAssertEqual(lastOffset, last, "\(text) ∋ \(needle), the last")
            }
            var digits = text.filter(\.isNumber)
            if text.trimmingCharacters(in: .whitespaces).hasPrefix("+44") {
                digits = String(digits.dropFirst(2))
                if digits.hasPrefix("0") { digits.removeFirst() }
                digits = "0" + digits
            }
            XCTAssertEqual(PageRules.national(text), digits, text)
        }
    }

    /// A `tel:` link is told on its bytes as its lower case would tell it, whatever stands at its start.
    func testTelLinksAreToldAsTheirLowerCaseStarts() {
        var generator = SeededGenerator(seed: 20261130)
        let pieces = ["t", "T", "e", "E", "l", "L", ":", "tel:", "TEL:", "Tel:", "tel", "+44", "1", " ", "\u{1A}", "\u{14}", "\u{301}", "\u{130}",
                      "İ", "ſ", "\u{212A}", "é", "\r\n", "\u{200D}"]
        let drawn = (0..<600).map { _ in (0..<Int.random(in: 0..<7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        for destination in drawn + ["", "tel:", "TEL:+441753418444", "tel\u{1A}", "tel:\u{301}1", "te", "tel:\r\n", "mailto:x"] {
            XCTAssertEqual(PageRules.calls(destination), destination.lowercased().hasPrefix("tel:"), destination.debugDescription)
        }
        XCTAssertTrue(PageRules.calls("Tel:+441753418444"))
        XCTAssertFalse(PageRules.calls("tel\u{1A}+44"))
    }

    /// A block is searched for telephone numbers only when it may hold one: never passed over where the
    /// expression matches, on drawn texts of digits of two scripts, spaces of several kinds, hyphens and brackets.
    func testTheTelephoneSearchPassesOverNoNumber() {
        var generator = SeededGenerator(seed: 20261130)
        // Pieces of numbers and of what stands beside them; each text a prefix and then mostly digits.
        let starts = ["0", "+44", "+44 ", "+44 (0)", "(0)", "a 0", "é", "\u{2003}0", "٣", ""]
        let members = ["0", "1", "7", "44", "٣", "߁", "5", " ", "  ", "-", "0", "1", "2", "3", "4", "5", "6", "8", "9", " ", " ", "-"]
        let pieces = members + members + ["\t", "\u{2003}", "\u{A0}", "(", ")", "é", "a", "\n", ".", ", "]
        let drawn = (0..<3000).map { _ in
            starts.randomElement(using: &generator)! + (0..<Int.random(in: 0..<14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        var matched = 0, passedOver = 0
        for text in drawn + ["01753 418 444", "+44 (0)1753 418444", "0800-123-4567", "0٣٣٣٣٣٣٣٣٣", "call 0 1 2 3 4",
                                 "+44 (0)123456789", "+44(0)1 2 3 4 5.", "+44\u{2003}1-3-5-7-9"] {
            let matches = PageRules.telephone?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            // Nine in a row as a count of the run so far would tell them, byte by byte.
            var run = 0
            let nine = text.utf8.contains { byte in
                run = byte &- 0x30 < 10 || byte == 0x20 || byte == 0x2D || byte >= 0x80 ? run + 1 : 0
                return run >= 9
            }
            XCTAssertEqual(PageRules.mayHoldNumber(text), nine, text.debugDescription)
            if matches {
                matched += 1
                XCTAssertTrue(PageRules.mayHoldNumber(text), text.debugDescription)
            }
            if !PageRules.mayHoldNumber(text) { passedOver += 1 }
        }
        XCTAssertGreaterThan(matched, 100)
        XCTAssertGreaterThan(passedOver, 100, "\(matched) matched")
        XCTAssertFalse(PageRules.mayHoldNumber("Studies in 2018 and 2019 [@a; @b] found 12 of 40 men, 1-2 days."))
    }

    /// A block whose only number is the site's own, standing alone, is passed over: only where every match
    /// of the expression is that number, whole (which the rule accepts), on drawn texts of it beside digits,
    /// spaces, hyphens, brackets, `+44`, letters and characters beyond ASCII. The second number holds one
    /// the expression matches on its own, from its second `0`.
    func testTheTelephoneSearchPassesOverTheSitesOwnNumberAlone() throws {
        var generator = SeededGenerator(seed: 20261201)
        for own in ["01753 418 444", "01 0800 123 456"] {
            let bytes = try XCTUnwrap(PageRules.ownNumber(own))
            let pieces = [own, own, own, " ", " ", "  ", "-", " - ", "(", ")", "+", "+44 ", "+44 (0)", "\t", "\n", "\u{A0}", "\u{2003}", "٣",
                          "1", "5", "0", "44", "12", "9 8", "a", "Call ", " today.", "x", "_", ". ", ", ", "é", "01753", "418 444", "1753 418 444"]
            let drawn = (0..<4000).map { _ in (0..<Int.random(in: 1..<7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
            var passedOver = 0
            for text in drawn + [own, "Call \(own) today.", "Call \(own).", "(\(own))", "\(own) 5", "\(own)-5", "+44 \(own)", "0 \(own)", "x\(own)", "\(own)x"] {
                let matches = (PageRules.telephone?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? []).compactMap { Range($0.range, in: text) }
                if !PageRules.mayHoldNumber(text, besides: bytes) {
                    XCTAssertTrue(matches.allSatisfy { text[$0] == own }, "\(own): \(text.debugDescription)")
                    if PageRules.mayHoldNumber(text) { passedOver += 1 }
                }
            }
            XCTAssertGreaterThan(passedOver, 150, own)
            XCTAssertFalse(PageRules.mayHoldNumber("Call \(own) today.", besides: bytes))
            XCTAssertFalse(PageRules.mayHoldNumber("Call        \(own)        today.", besides: bytes), "eight spaces on either side")
            XCTAssertTrue(PageRules.mayHoldNumber("Call \(own) 5 today.", besides: bytes))
        }
        // A number the expression does not match whole through its `0`, or that does not start with one, is searched for as any other.
        XCTAssertNil(PageRules.ownNumber("+44 1753 418 444"))
        XCTAssertNil(PageRules.ownNumber("01753 418 444 1234 5678"))
        XCTAssertNil(PageRules.ownNumber("0175x 418 444"))
        XCTAssertEqual(PageRules.ownNumber("0800-123-4567"), Array("0800-123-4567".utf8))
    }

    func testTelephoneNumbersInTheSitesForm() throws {
        try addToAbout("Call 01753418444 or +44 1753 418 444 or 01753 418 444.")
        XCTAssertEqual(try findings("about.md"), [.telephoneFormat])
    }

    /// The link to the site's own number is answered once for all pages only when the rule accepts it.
    func testTheLinkToTheSitesOwnNumberIsAcceptedOnceOnlyWhenItCallsThatNumber() {
        func settings(_ telephone: String, _ international: String) -> SiteSettings {
            SiteSettings(title: "T", provider: "P", paths: SitePaths(baseURL: "https://example.org/"), telephone: telephone, telephoneInternational: international)
        }
        let own = PageRules.ownLink(settings("0808 156 3481", "+448081563481"))
        XCTAssertEqual(own?.text, "0808 156 3481")
        XCTAssertEqual(own?.destination, "tel:+448081563481")
        XCTAssertNotNil(PageRules.ownLink(settings("0808 156 3481", "+44 808 156 3481")))
        XCTAssertNil(PageRules.ownLink(settings("0808 156 3481", "+448081563482")))
    }

    func testATelLinkMustCallTheNumberItShows() throws {
        try addToAbout("Call [01753 418 444](tel:+441753999999).")
        XCTAssertEqual(try findings("about.md"), [.telephoneLink])
        try workspace.edit("about.md", replacing: "tel:+441753999999", with: "tel:+441753418444")
        XCTAssertEqual(try findings("about.md"), [])
    }

    // MARK: Bad values of the new fields: one error on its line, the previous output unchanged.

    func assertRefused(_ reason: Reason, _ file: String, line: Int, _ edit: () throws -> Void,
                       _ source: StaticString = #filePath, _ sourceLine: UInt = #line) throws {
        _ = try workspace.build()
        let before = try snapshot(workspace.output)
        try edit()
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [reason], "\(errors)", file: source, line: sourceLine)
        XCTAssertEqual(errors.first?.file, workspace.displayPath(file), file: source, line: sourceLine)
        XCTAssertEqual(errors.first?.line, line, file: source, line: sourceLine)
        XCTAssertEqual(try snapshot(workspace.output), before, file: source, line: sourceLine)
    }

    func testAnUnknownAudienceIsAnError() throws {
        try assertRefused(.badFormat, "about.md", line: 6) {
            try workspace.edit("about.md", replacing: "nav: 2", with: "nav: 2\naudience: visitors")
        }
    }

    func testARuleSettingMustBeErrorWarningOrOff() throws {
        try assertRefused(.wrongType, "site.yaml", line: 6) {
            try workspace.edit("site.yaml", replacing: "telephone: ", with: "editorial:\n  rules:\n    claim: maybe\ntelephone: ")
        }
    }

    func testAnUnknownRuleInSettingsIsAnError() throws {
        try assertRefused(.unknownField, "site.yaml", line: 6) {
            try workspace.edit("site.yaml", replacing: "telephone: ", with: "editorial:\n  rules:\n    claims: error\ntelephone: ")
        }
    }

    func testTheReadingGradeMustBeANumberInRange() throws {
        try assertRefused(.outOfRange, "site.yaml", line: 5) {
            try workspace.edit("site.yaml", replacing: "telephone: ", with: "editorial:\n  reading_grade_max: 40\ntelephone: ")
        }
    }

    func testTheReviewWarningDaysMustBeInRange() throws {
        try assertRefused(.outOfRange, "site.yaml", line: 4) {
            try workspace.edit("site.yaml", replacing: "telephone: ", with: "review_warning_days: 999\ntelephone: ")
        }
    }
}

/// A word's syllables counted scalar by scalar, as `TextCounts` counts them on the bytes.
private struct ScalarWord {
    /// `aeiouy`, each a bit at its place in the alphabet (`a` the lowest).
    static let vowels: UInt32 = 1 << 0 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20 | 1 << 24
    /// A letter beyond ASCII, as a byte of `tail`: no ending is made of it.
    static let beyondASCII: UInt32 = 0x80

    private(set) var isWord = false
    private var groups = 0
    private var previousWasVowel = false
    private var tail: UInt32 = 0

    mutating func add(_ scalar: Unicode.Scalar) {
        isWord = true
        guard WordScalars.isLetter(scalar) else { return }
        var value = scalar.value
        if value >= 0x41 && value <= 0x5A { value += 0x20 }
        let letter = value &- 0x61
        let isVowel = letter < 26 && Self.vowels >> letter & 1 != 0
        groups += (isVowel && !previousWasVowel) ? 1 : 0
        previousWasVowel = isVowel
        tail = (tail << 8 | (value < 0x80 ? value : Self.beyondASCII)) & 0xFF_FFFF
    }

    /// Less a silent final `e` (not `-le`, `-ee`) or a silent `-ed` (not `-ted`, `-ded`), at least one.
    var syllables: Int {
        let (a, b, c) = (tail >> 16, tail >> 8 & 0xFF, tail & 0xFF)
        let silentE = c == 0x65 && b != 0x6C && b != 0x65
        let silentEd = b == 0x65 && c == 0x64 && a != 0x74 && a != 0x64
        return max(groups - (silentE || silentEd ? 1 : 0), 1)
    }
}
