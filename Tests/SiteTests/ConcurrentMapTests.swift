import XCTest
@testable import SiteModel

/// `concurrentMap` hands out the work in runs the cores take in turn, shorter
/// as fewer elements are left: whatever the count, every element is mapped
/// once, in order.
final class ConcurrentMapTests: XCTestCase {
    func testResultsAreTheMapsInOrder() {
        for count in Array(0...200) + [255, 256, 257, 1_000, 10_007] {
            let elements = Array(0..<count)
            XCTAssertEqual(elements.concurrentMap { $0 * 3 + 1 }, elements.map { $0 * 3 + 1 }, "\(count) elements")
        }
    }
}
