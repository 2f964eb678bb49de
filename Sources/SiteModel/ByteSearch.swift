#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte: Foundation's
    /// `range(of:)` converts to UTF-16 first, slow on large pages.
    public func containsBytes(_ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        guard let first = needleBytes.first else { return true }
        let found = utf8.withContiguousStorageIfAvailable { haystack -> Bool in
            guard haystack.count >= needleBytes.count, let base = haystack.baseAddress else { return false }
            var index = 0
            let last = haystack.count - needleBytes.count
            while index <= last {
                if haystack[index] == first, memcmp(base + index, needleBytes, needleBytes.count) == 0 { return true }
                index += 1
            }
            return false
        }
        return found ?? String(self).containsBytes(needle)
    }
}
