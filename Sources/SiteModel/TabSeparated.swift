import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line files the build keeps beside its output (manifest, cache): one
/// record a line, fields between tabs, read on the bytes. Splitting a
/// `String` on `"\n"` finds grapheme boundaries, and a generic split of its
/// UTF-8 view steps index by index: either took longer than the rest of a
/// build with nothing changed.
public enum TabSeparated {
    public typealias Field = Slice<UnsafeRawBufferPointer>

    /// Calls `record` with the fields of each line (the last line ends with a
    /// line break, or the text is not whole: false). Stops at the first false.
    public static func read(_ data: Data, _ record: ([Field]) -> Bool) -> Bool {
        data.withUnsafeBytes { bytes in bytes.last == 0x0A && read(bytes) { fields, _ in record(fields) } }
    }

    /// The same on bytes (no bytes are no lines), with where each line starts.
    public static func read(_ bytes: UnsafeRawBufferPointer, _ record: ([Field], _ lineStart: Int) -> Bool) -> Bool {
        guard bytes.isEmpty || bytes.last == 0x0A else { return false }
        var fields: [Field] = []
        var lineStart = 0
        var fieldStart = 0
        for index in bytes.indices {
            switch bytes[index] {
            case 0x09:
                fields.append(bytes[fieldStart..<index])
                fieldStart = index + 1
            case 0x0A:
                fields.append(bytes[fieldStart..<index])
                guard record(fields, lineStart) else { return false }
                fields.removeAll(keepingCapacity: true)
                lineStart = index + 1
                fieldStart = lineStart
            default:
                continue
            }
        }
        return true
    }

    /// How many lines `data` holds (line breaks, counted with `memchr`): what a reader
    /// reserves for its records, so that a table of 50,000 is not made anew as it grows.
    public static func lineCount(_ data: Data) -> Int {
        data.withUnsafeBytes { bytes in
            guard let start = bytes.baseAddress else { return 0 }
            var (count, from, end) = (0, start, start + bytes.count)
            while from < end, let hit = memchr(from, 0x0A, end - from) {
                count += 1
                from = UnsafeRawPointer(hit) + 1
            }
            return count
        }
    }

    public static func text(_ field: Field) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: field), as: UTF8.self)
    }

    /// By `memcmp`: `elementsEqual` on the slices took some 120 instructions a record name.
    public static func equals(_ field: Field, _ text: StaticString) -> Bool {
        guard field.count == text.utf8CodeUnitCount else { return false }
        guard let base = field.base.baseAddress, !field.isEmpty else { return true }
        return memcmp(base + field.startIndex, text.utf8Start, field.count) == 0
    }

    /// Decimal digits only.
    public static func unsigned(_ field: Field) -> UInt64? {
        number(field, radix: 10)
    }

    /// Decimal digits after an optional `-`.
    public static func signed(_ field: Field) -> Int64? {
        if field.first == UInt8(ascii: "-") {
            return unsigned(field.dropFirst()).flatMap { $0 <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- $0) : nil }
        }
        return unsigned(field).flatMap { Int64(exactly: $0) }
    }

    /// Exactly 16 lowercase hex digits (how the build writes its hashes).
    public static func hash(_ field: Field) -> UInt64? {
        field.count == 16 ? number(field, radix: 16) : nil
    }

    private static func number(_ digits: Field, radix: UInt64) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let next: UInt64
            switch digit {
            case 0x30...0x39: next = UInt64(digit - 0x30)
            case 0x61...0x66 where radix == 16: next = UInt64(digit - 0x61 + 10)
            default: return nil
            }
            let (times, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = times.addingReportingOverflow(next)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }
}

extension TabSeparated {
    /// Lines written as bytes, each a name and fields after tabs: strings
    /// built by interpolation cost the cache's records some 90 instructions a
    /// byte. No longer `whole` once a field held a tab or a line break.
    public struct Lines: Sendable {
        public private(set) var bytes: [UInt8] = []
        public private(set) var whole = true

        public init() {}

        /// One line: `name`, then its field or fields (not variadic: that makes an array of them each call).
        public mutating func add(_ name: StaticString, _ first: String) {
            start(name)
            field(first)
            end()
        }

        public mutating func add(_ name: StaticString, _ first: String, _ second: String) {
            start(name)
            field(first)
            field(second)
            end()
        }

        public mutating func add(_ name: StaticString, _ first: String, _ second: String, _ third: String) {
            start(name)
            field(first)
            field(second)
            field(third)
            end()
        }

        public mutating func start(_ name: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        }

        /// A line that starts with a text of its own (a path) rather than a name.
        public mutating func start(_ text: String) {
            append(text)
        }

        public mutating func field(_ text: String) {
            bytes.append(0x09)
            append(text)
        }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { text in
                if ByteSearch.holdsFieldBreak(text) { whole = false }
                bytes.append(contentsOf: text)
            }
        }

        /// Where the lines stand now, for `restore`: lines written after it may be taken back.
        public var mark: (count: Int, whole: Bool) { (bytes.count, whole) }

        /// The lines as they stood at `mark`: those written since are gone.
        public mutating func restore(_ mark: (count: Int, whole: Bool)) {
            bytes.removeSubrange(mark.count...)
            whole = mark.whole
        }

        /// Decimal, its digits written in place (a `String` of each cost some 300 instructions).
        public mutating func field(_ number: Int) {
            field(Int64(number))
        }

        public mutating func field(_ number: Int64) {
            bytes.append(0x09)
            if number < 0 { bytes.append(0x2D) }
            bytes.append(decimal: number.magnitude)
        }

        public mutating func field(_ number: UInt64) {
            bytes.append(0x09)
            bytes.append(decimal: number)
        }

        /// A field that is the rest of its line, tabs and all (a line break ends it all the same).
        public mutating func field(rest text: UnsafeBufferPointer<UInt8>) {
            bytes.append(0x09)
            if text.contains(where: { $0 == 0x0A || $0 == 0x0D }) { whole = false }
            bytes.append(contentsOf: text)
        }

        public mutating func end() {
            bytes.append(0x0A)
        }

        /// Lines written before, as they are.
        public mutating func append(_ lines: Data) {
            bytes.append(contentsOf: lines)
        }
    }
}
