import Foundation

extension Array where Element: Sendable {
    /// `map` on every core, results in order. Each core takes a run of the
    /// elements left as it is done with its last: a share of them, smaller as
    /// fewer are left, down to one, so that the cores finish together (in
    /// chunks of a fixed size, 32 per core, a core was idle for some 60 ms at
    /// the end of a 10,000-page render while the other did the last chunk).
    /// Each run's results are stored once, under a lock.
    /// Inlinable, so each caller gets it specialised: unspecialised, it had the
    /// runtime look up `[T]: Collection` for each new `T` in the tool's
    /// protocol conformances (17 of the 162 such searches of a build of the real site).
    @inlinable
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ChunkResults<T>(count: count, workers: Swift.min(count, Cores.active))
        DispatchQueue.concurrentPerform(iterations: results.workers) { _ in
            while let (run, range) = results.claim() {
                results.store(self[range].map(transform), at: run)
            }
        }
        return results.joined()
    }

    /// The array's indices in runs of at most `size`, in order: work cut into parts
    /// for `concurrentMap`, each part's results joined in order.
    public func runs(of size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
    }
}

/// The cores the build may use, asked once: Foundation reads the control group's
/// two quota files at each ask, which was a dozen times a build.
public enum Cores {
    public static let active = ProcessInfo.processInfo.activeProcessorCount
}

/// The runs of a `concurrentMap`, each taken by one worker and written once.
@usableFromInline
final class ChunkResults<T: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var chunks: [[T]] = []
    @usableFromInline var next = 0
    @usableFromInline let count: Int
    @usableFromInline let workers: Int

    @inlinable
    init(count: Int, workers: Int) {
        (self.count, self.workers) = (count, workers)
    }

    /// The next run of elements and its number, or nil when every element is taken:
    /// half of what is left over the workers, so that the last runs are short.
    @inlinable
    func claim() -> (run: Int, range: Range<Int>)? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let size = Swift.max(1, (count - next) / (2 * workers))
        let range = next..<(next + size)
        next += size
        chunks.append([])
        return (chunks.count - 1, range)
    }

    @inlinable
    func store(_ values: [T], at index: Int) {
        lock.lock()
        chunks[index] = values
        lock.unlock()
    }

    @inlinable
    func joined() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        var all: [T] = []
        all.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks { all.append(contentsOf: chunk) }
        return all
    }
}
