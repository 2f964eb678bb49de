/// The ids a link may name on a page: the layout's, the review block's and
/// the reference list's where the page has them, and its headings'. Kept as
/// the outline has them: a set made for each of 10,000 pages and sorted for
/// its hash took a third of the validate step of a one-page edit.
public struct PageAnchors: Sendable {
    public let headingIDs: [String]
    public let hasReview: Bool
    public let hasReferences: Bool
    /// For a page of many headings, which each link to it would search in turn.
    private let headingSet: Set<String>?

    public init(headingIDs: [String], hasReview: Bool, hasReferences: Bool) {
        self.headingIDs = headingIDs
        self.hasReview = hasReview
        self.hasReferences = hasReferences
        headingSet = headingIDs.count > 16 ? Set(headingIDs) : nil
    }

    /// A page that has only the layout's ids.
    public static let layoutOnly = PageAnchors(headingIDs: [], hasReview: false, hasReferences: false)

    public func contains(_ id: String) -> Bool {
        // By the lengths first (`isSame`): comparing the characters of each id, and hashing
        // this one for the layout's set, cost some 1,100 instructions a link with a fragment.
        if TemplateIDs.layout.contains(where: id.isSame) || (hasReview && id.isSame(as: TemplateIDs.review))
            || (hasReferences && id.isSame(as: TemplateIDs.references)) {
            return true
        }
        return headingSet?.contains(id) ?? headingIDs.contains(where: id.isSame)
    }

    /// One hash of the ids, for the body checks' key: headings in their order
    /// (the same ids in another order only check the links to them again).
    public var hash: UInt64 {
        var hash = ContentHash()
        hash.add(UInt64((hasReview ? 1 : 0) | (hasReferences ? 2 : 0)))
        for id in headingIDs { hash.add(id) }
        hash.add(UInt64(headingIDs.count))
        return hash.value
    }
}
