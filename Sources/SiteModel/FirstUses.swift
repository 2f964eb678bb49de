/// Elements kept once each, in the order each was first given. A page has a
/// handful (its cited keys, its link destinations), found sooner in a list
/// than by hashing; past `few` of them a set keeps the rest linear (a page
/// may hold thousands: a list alone takes quadratic time). Inlinable, so
/// that each module compares its own elements without the generic calls.
public struct FirstUses<Element: Hashable> {
    @usableFromInline var kept: [Element] = []
    @usableFromInline var seen: Set<Element> = []

    /// The elements kept, in order of first use.
    @inlinable public var elements: [Element] { kept }

    /// How many distinct elements are compared in the list before a set is kept.
    @inlinable public static var few: Int { 16 }

    @inlinable
    public init() {}

    /// Whether `element` was given before.
    @inlinable
    public func contains(_ element: Element) -> Bool {
        kept.count < Self.few ? kept.contains(element) : seen.contains(element)
    }

    /// Keeps `element` unless it was given before; whether it was kept.
    @inlinable @discardableResult
    public mutating func insert(_ element: Element) -> Bool {
        if kept.count < Self.few {
            guard !kept.contains(element) else { return false }
            kept.append(element)
            if kept.count == Self.few { seen = Set(kept) }
            return true
        }
        guard seen.insert(element).inserted else { return false }
        kept.append(element)
        return true
    }
}
