import SiteModel

/// Stable ids for headings, so that deep links keep working when a page is
/// rebuilt: the heading's slug; repeats get `-2`, `-3`; ids the templates
/// use themselves are never taken. An id that would start like the
/// templates' numbered ids (`centre-facilities`, or the repeat `ref-2` of
/// `ref`) takes `section-` before it, since no number after it could make it free.
public enum HeadingID {
    /// Ids for headings in document order, unique within the page.
    public static func assign(_ texts: [String]) -> [String] {
        var used = TakenIDs(expected: texts.count)
        // The next number to try for each base, so that many equal headings take linear time.
        var nextNumber: [String: Int] = [:]
        return texts.map { text in
            var base = Slug.make(text)
            if TemplateIDs.hasNumberedPrefix(base) { base = "section-" + base }
            // Most headings: the slug is free, and the next number to try stays 2.
            if !TemplateIDs.isReserved(base), used.insert(base) { return base }
            var candidate = base
            let numbered = TemplateIDs.prefixes.contains(base + "-") ? "section-" + base : base
            var counter = nextNumber[base, default: 2]
            repeat {
                candidate = "\(numbered)-\(counter)"
                counter += 1
            } while used.contains(candidate) || TemplateIDs.isReserved(candidate)
            nextNumber[base] = counter
            used.insert(candidate)
            return candidate
        }
    }
}

/// The ids a page's headings took so far: searched in turn, by their lengths
/// first, on a page of a few headings (hashing each id cost more than the
/// search), and kept in a set on a page of many.
struct TakenIDs {
    private var list: [String] = []
    private var set: Set<String>?

    init(expected: Int) {
        if expected > 16 {
            set = Set(minimumCapacity: expected)
        } else {
            list.reserveCapacity(expected)
        }
    }

    func contains(_ id: String) -> Bool {
        set?.contains(id) ?? list.contains(where: id.isSame)
    }

    /// Takes `id`; false when it was taken before.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
        if set != nil { return set!.insert(id).inserted }
        if contains(id) { return false }
        list.append(id)
        return true
    }
}
