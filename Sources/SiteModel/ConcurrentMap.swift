import Foundation

extension Array where Element: Sendable {
    /// `map` on every core, results in order. Work is cut into a few chunks
    /// per core; each chunk's results are stored once, under a lock.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        let results = ChunkResults<T>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = Swift.min(count, chunk * chunkSize)..<Swift.min(count, (chunk + 1) * chunkSize)
            results.store(self[range].map(transform), at: chunk)
        }
        return results.joined()
    }
}

/// The chunks of a `concurrentMap`, each written once by its own worker.
private final class ChunkResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[T]]

    init(count: Int) {
        chunks = Array(repeating: [], count: count)
    }

    func store(_ values: [T], at index: Int) {
        lock.lock()
        chunks[index] = values
        lock.unlock()
    }

    func joined() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return chunks.flatMap { $0 }
    }
}
