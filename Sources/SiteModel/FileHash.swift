import Foundation

/// The hash a build's output manifest keeps of each file it wrote, the same
/// value whether the bytes come whole or in blocks of any size (a file is
/// read in blocks): four lanes of sixteen bytes to a multiply, with
/// `ContentHash`'s mixing, the bytes after the last whole block of 64 eight
/// at a time. One chain of eight-byte steps (`WordHash`, which manifests of
/// version 2 hold) waited on each multiply before the next, and FNV-1a
/// (version 1) took a byte a step: hashing a clean build's 180 MB of pages
/// cost them some 0.05 and 0.24 CPU-seconds, this some 0.01.
public struct FileHash: BlockHash {
    private var lanes = HashLanes(ContentHash.k0, ContentHash.k1, ContentHash.k2, ContentHash.k3)
    private var count = 0
    /// The bytes after the last whole block, `count % 64` of them.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        let held = count & 63
        count += bytes.count
        // The block the last bytes left open, completed first.
        if held != 0 {
            let taken = min(64 - held, bytes.count)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: held).copyMemory(from: base, byteCount: taken) }
            offset = taken
            guard held + taken == 64 else { return }
            let block = pending
            withUnsafeBytes(of: block) { lanes.mix(block: $0, at: 0) }
        }
        while offset + 64 <= bytes.count {
            lanes.mix(block: bytes, at: offset)
            offset += 64
        }
        if offset < bytes.count {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: base + offset, byteCount: bytes.count - offset) }
        }
    }

    /// 16 hex digits.
    public var digest: String {
        var state = lanes.folded
        let rest = count & 63
        withUnsafeBytes(of: pending) { bytes in
            var offset = 0
            while offset + 8 <= rest {
                state = ContentHash.mix(state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self), ContentHash.k1)
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<rest { tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
            state = ContentHash.mix(state ^ tail ^ ContentHash.k0, ContentHash.k1 ^ UInt64(count))
        }
        return state.hexDigits
    }
}

/// The hash manifests of version 2 hold: eight bytes a step, each waiting
/// on the last one's multiply. Read only to check an output folder such a
/// manifest describes.
public struct WordHash: BlockHash {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var count = 0
    /// The bytes after the last whole word, the first lowest.
    private var partial: UInt64 = 0

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        var filled = count & 7
        count += bytes.count
        // The word the last block left open, completed first.
        if filled != 0 {
            while filled < 8, offset < bytes.count {
                partial |= UInt64(bytes[offset]) << UInt64(8 * filled)
                filled += 1
                offset += 1
            }
            guard filled == 8 else { return }
            state = ContentHash.mix(state ^ partial, ContentHash.k1)
            partial = 0
        }
        while offset + 8 <= bytes.count {
            state = ContentHash.mix(state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self), ContentHash.k1)
            offset += 8
        }
        for index in offset..<bytes.count { partial |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
    }

    /// 16 hex digits.
    public var digest: String {
        ContentHash.mix(state ^ partial ^ ContentHash.k0, ContentHash.k1 ^ UInt64(count)).hexDigits
    }
}

/// Which hash a manifest's records hold, for a build to check them with:
/// manifests of version 3 hold `FileHash`'s, those of version 2 `WordHash`'s,
/// those of version 1 (and the former JSON one) FNV-1a's.
public enum FileHashing: Sendable, Equatable {
    case fileHash
    case wordHash
    case fnv1a64

    public func hash(file path: String) -> (size: Int, hash: String)? {
        switch self {
        case .fileHash: FileHash.hash(file: path)
        case .wordHash: WordHash.hash(file: path)
        case .fnv1a64: FNV1a64.hash(file: path)
        }
    }
}
