import Foundation

/// A step's work made on another thread, for a later step to wait for: the
/// same call, made earlier, while this thread goes on.
final class Ahead<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var value: Value?

    init(_ make: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async { [self] in
            value = make()
            done.leave()
        }
    }

    func wait() -> Value {
        done.wait()
        return value!
    }
}
