import Foundation
import SiteModel

/// Content bytes as text, or an error that says where and why they are not
/// UTF-8, as an editor can act on it.
enum TextDecoding {
    static func decode(_ data: Data, file: String) -> Result<String, Diagnostic> {
        // Zero bytes are valid UTF-8 but no text has them: UTF-16 has one beside every ASCII letter.
        let hasZero = data.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
        if !hasZero, let text = String(validating: data, as: UTF8.self) { return .success(text) }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || looksLikeUTF16(bytes) {
            return .failure(.error(file, 1, .notUTF8, "the file is UTF-16 text: save it as UTF-8"))
        }
        if let zero = bytes.firstIndex(of: 0) {
            let line = bytes[..<zero].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(.error(file, line, .notUTF8, "the file holds a zero byte, which no text has: save it as UTF-8 text"))
        }
        let offset = firstInvalidByte(bytes)
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return .failure(.error(file, line, .notUTF8, "the file is not UTF-8 text: byte \(offset + 1) is not valid UTF-8 (save the file as UTF-8)"))
    }

    /// UTF-16 without a byte order mark: ASCII text with a zero byte beside every character.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(200)
        return sample.count >= 4 && sample.filter { $0 == 0 }.count * 3 >= sample.count
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x01...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for continuation in bytes[(index + 1)..<(index + length)] where continuation & 0xC0 != 0x80 { return index }
            index += length
        }
        return index
    }
}
