import SiteModel

/// Stable ids for headings, so that deep links keep working when a page is
/// rebuilt: the heading's slug; repeats get `-2`, `-3`; ids the templates
/// use themselves are never taken. An id that would start like the
/// templates' numbered ids (`centre-facilities`, or the repeat `ref-2` of
/// `ref`) takes `section-` before it, since no number after it could make it free.
public enum HeadingID {
    /// Ids for headings in document order, unique within the page.
    public static func assign(_ texts: [String]) -> [String] {
        // The ids taken so far: a page of a few headings searches them in turn (hashing each id cost more).
        var used = FirstUses<String>()
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
