import Foundation

/// A step's work made on another thread, for a later step to wait for: the
/// same call, made earlier, while this thread goes on.
final class Ahead<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var value: Value?

    /// `ownThread`: on a thread of its own, not the dispatch pool's, for work that maps on
    /// every core while the build waits for it. The build runs on a pool thread, which
    /// waiting holds: the pool (a thread a core) had one thread left for that work, and
    /// a walk of 10,000 folders ran on one core while the other stood idle.
    init(ownThread: Bool = false, _ make: @escaping @Sendable () -> Value) {
        done.enter()
        let work: @Sendable () -> Void = { [self] in
            value = make()
            done.leave()
        }
        guard ownThread else {
            DispatchQueue.global().async(execute: work)
            return
        }
        let thread = Thread(block: work)
        // The stack of the pool's threads, for the walks' recursion into folders.
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait() -> Value {
        done.wait()
        return value!
    }
}
