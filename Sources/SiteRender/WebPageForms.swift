import SiteModel

extension StructuredData {
    /// What a page's `WebPage` node says of the page itself; the rest is the site's.
    struct PageFacts {
        var type: String, id: String, url: String, name: String, description: String
        var lastReviewed: String?, reviewedBy: String?, about: String?

        /// In the order of `WebPageForms`' marks.
        var strings: [String?] { [type, id, url, name, description, lastReviewed, reviewedBy, about] }
    }

    static func webPage(_ facts: PageFacts, settings: SiteSettings) -> WebPage {
        var node = WebPage(
            type: facts.type, id: facts.id, url: facts.url, name: facts.name, description: facts.description,
            publisher: Organisation(type: "MedicalOrganization", name: settings.provider, telephone: settings.telephoneInternational, url: settings.paths.baseURL),
            lastReviewed: facts.lastReviewed, reviewedBy: facts.reviewedBy.map { Organisation(type: "Organization", name: $0) })
        node.about = facts.about.map { Link(id: $0) }
        return node
    }
}

/// Each page's `WebPage` node as `encodeNode` writes it, without the encoder
/// for each page (it took a twentieth of a clean build). The encoder writes
/// the node once for each set of strings a page may leave out, with a mark in
/// place of each of the page's strings; a page's strings go where the marks
/// were. A string the encoder would escape is still written by the encoder.
struct WebPageForms: Sendable {
    /// By which of the page's strings are present (a bit each, in `PageFacts.strings` order).
    private let forms: [Int: Form]

    private struct Form: Sendable {
        /// Written as the encoder wrote them, one more than `slots`: a literal, then a string, and so on.
        let literals: [String]
        /// Which of the page's strings goes after each literal.
        let slots: [Int]
        /// The literals' length in bytes.
        let length: Int

        init(literals: [String], slots: [Int]) {
            self.literals = literals
            self.slots = slots
            length = literals.reduce(0) { $0 + $1.utf8.count }
        }
    }

    init(settings: SiteSettings) {
        let count = Self.marks.count
        var forms: [Int: Form] = [:]
        // The first five strings are always there; the three optional ones make eight sets.
        for optional in 0..<8 {
            let present = 0b11111 | optional << 5
            let marks = (0..<count).map { present & 1 << $0 != 0 ? Self.marks[$0] : nil }
            let facts = StructuredData.PageFacts(type: marks[0]!, id: marks[1]!, url: marks[2]!, name: marks[3]!, description: marks[4]!,
                                                 lastReviewed: marks[5], reviewedBy: marks[6], about: marks[7])
            forms[present] = Self.form(StructuredData.encodeNode(StructuredData.webPage(facts, settings: settings)), present: present)
        }
        self.forms = forms
    }

    /// The node's JSON, or nil when the encoder wrote no form for it (then the encoder writes the node).
    func json(_ facts: StructuredData.PageFacts) -> String? {
        let strings = facts.strings
        var present = 0
        for (index, string) in strings.enumerated() where string != nil { present |= 1 << index }
        guard let form = forms[present] else { return nil }
        var json = ""
        json.reserveCapacity(form.length + form.slots.reduce(0) { $0 + strings[$1]!.utf8.count + 2 })
        json += form.literals[0]
        for (slot, literal) in zip(form.slots, form.literals.dropFirst()) {
            Self.appendQuoted(strings[slot]!, to: &json)
            json += literal
        }
        return json
    }

    /// A string as the encoder writes it: in quotes, as it is when it holds nothing the encoder escapes
    /// (`"`, `\` and controls; slashes stay as they are, `.withoutEscapingSlashes`), else by the encoder.
    static func quoted(_ string: String) -> String {
        var quoted = ""
        appendQuoted(string, to: &quoted)
        return quoted
    }

    private static func appendQuoted(_ string: String, to json: inout String) {
        if string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            json += StructuredData.encodeNode(string)
        } else {
            json += "\""
            json += string
            json += "\""
        }
    }

    /// The slot's number between two private-use characters, which the encoder leaves as they are.
    private static let marks = (0..<8).map { "\u{E000}\($0)\u{E001}" }

    /// The encoder's text cut at each mark, nil unless each present mark stands in it once, as a whole string.
    private static func form(_ text: String, present: Int) -> Form? {
        var literals: [String] = [], slots: [Int] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "\"\u{E000}") {
            let after = rest[start.upperBound...]
            guard let slot = marks.firstIndex(where: { after.hasPrefix($0.dropFirst() + "\"") }) else { return nil }
            literals.append(String(rest[..<start.lowerBound]))
            slots.append(slot)
            rest = after.dropFirst(marks[slot].count)  // the mark but its first scalar, and the closing quote
        }
        literals.append(String(rest))
        let expected = (0..<marks.count).filter { present & 1 << $0 != 0 }
        guard slots.sorted() == expected else { return nil }
        return Form(literals: literals, slots: slots)
    }
}
