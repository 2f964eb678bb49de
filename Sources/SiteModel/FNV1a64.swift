import Foundation

/// FNV-1a, 64 bits: the hash that names fingerprinted assets
/// (`styles.3f2a9c1b.css`), and the one manifests of version 1 hold (see
/// `FileHash`). A manifest tells a build's own files from files changed by
/// hand or by accident, not from an attacker's, so a fast non-cryptographic
/// hash with the size beside it is enough; Foundation has no SHA-256 on
/// Linux, and a crypto package for this would be one more dependency.
public struct FNV1a64: BlockHash {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// 16 hex digits.
    public var digest: String { value.hexDigits }
}
