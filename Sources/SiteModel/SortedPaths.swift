/// Lists kept in the order of a path (`String`'s `<`), looked up by halves: a
/// build that asks for thousands of paths among thousands makes no table of them.
extension Array {
    /// Whether the elements are in ascending order of `key`.
    @inlinable
    public func isAscending(by key: (Element) -> String) -> Bool {
        zip(self, dropFirst()).allSatisfy { key($0) <= key($1) }
    }

    /// The element whose `key` is `target` (the first, should two be), found by halves
    /// in elements in ascending order of `key`; nil if none is.
    @inlinable
    public func element(withKey target: String, by key: (Element) -> String) -> Element? {
        index(withKey: target, by: key).map { self[$0] }
    }

    /// The index of that element, for one to be replaced where it stands.
    @inlinable
    public func index(withKey target: String, by key: (Element) -> String) -> Int? {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) < target { low = middle + 1 } else { high = middle }
        }
        return low < count && key(self[low]) == target ? low : nil
    }
}

extension Array where Element == String {
    /// The paths in ascending order: as they are when they are (a build lists them so), else sorted.
    public var ascending: [String] { isAscending(by: { $0 }) ? self : sorted() }

    /// Whether the paths, in ascending order, hold `path`.
    @inlinable
    public func holdsSorted(_ path: String) -> Bool {
        element(withKey: path, by: { $0 }) != nil
    }
}
