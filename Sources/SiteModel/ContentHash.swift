import Foundation

/// A fast 64-bit hash of bytes, eight at a time with a full-width multiply
/// (the mixing of wyhash), for telling whether an input of the build changed.
/// Not for security: a clean build (CI's) never reads the cache it keys.
public struct ContentHash: Sendable, Hashable {
    public private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    public init() {}

    /// A hash kept from an earlier build.
    public init(value: UInt64) {
        self.value = value
    }

    static let k0: UInt64 = 0xA076_1D64_78BD_642F
    static let k1: UInt64 = 0xE703_7ED1_A0B4_28DB
    static let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    static let k3: UInt64 = 0x5899_65CC_7537_4CC3

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        var state = value ^ UInt64(bytes.count) &* Self.k0
        // A long text (a file) in four lanes, sixteen bytes to a multiply: one chain of
        // eight-byte steps waits on each multiply before the next (some 1.6 bytes a cycle).
        if bytes.count >= 64 {
            var lanes = HashLanes(state, state ^ Self.k1, state ^ Self.k2, state ^ Self.k3)
            while offset + 64 <= bytes.count {
                lanes.mix(block: bytes, at: offset)
                offset += 64
            }
            state = lanes.folded ^ state
        }
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = Self.mix(state ^ word, Self.k1)
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
        value = Self.mix(state ^ tail ^ Self.k0, Self.k1 ^ UInt64(bytes.count & 7))
    }

    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0) }
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    public mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    /// 16 hex digits.
    public var hex: String { value.hexDigits }

    public static func of(_ data: Data) -> ContentHash {
        data.withUnsafeBytes(of)
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> ContentHash {
        var hash = ContentHash()
        hash.add(bytes)
        return hash
    }

    public static func of(_ parts: [String]) -> ContentHash {
        var hash = ContentHash()
        for part in parts { hash.add(part) }
        return hash
    }
}

/// Four lanes of sixteen bytes to a multiply, for 64 bytes at a time (wyhash's
/// way): `ContentHash` and `FileHash` read a long text in them.
struct HashLanes {
    private var lanes: (UInt64, UInt64, UInt64, UInt64)

    init(_ first: UInt64, _ second: UInt64, _ third: UInt64, _ fourth: UInt64) {
        lanes = (first, second, third, fourth)
    }

    @inline(__always)
    mutating func mix(block bytes: UnsafeRawBufferPointer, at offset: Int) {
        func word(_ index: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: offset + 8 * index, as: UInt64.self) }
        lanes.0 = ContentHash.mix(word(0) ^ ContentHash.k0, word(1) ^ lanes.0)
        lanes.1 = ContentHash.mix(word(2) ^ ContentHash.k1, word(3) ^ lanes.1)
        lanes.2 = ContentHash.mix(word(4) ^ ContentHash.k2, word(5) ^ lanes.2)
        lanes.3 = ContentHash.mix(word(6) ^ ContentHash.k3, word(7) ^ lanes.3)
    }

    /// The four lanes made one.
    var folded: UInt64 {
        ContentHash.mix(lanes.0 ^ ContentHash.k0, lanes.1 ^ ContentHash.k1) ^ ContentHash.mix(lanes.2 ^ ContentHash.k2, lanes.3 ^ ContentHash.k3)
    }
}

extension UInt64 {
    /// 16 lower-case hex digits, written in place: each page's cache keys and each written file's
    /// manifest hash are written as these (`String(radix:)` and a padding made three strings).
    var hexDigits: String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: self >> (60 - 4 * UInt64(index))) & 0xF
                buffer[index] = digit < 10 ? 0x30 + digit : 0x57 + digit
            }
            return 16
        }
    }
}
