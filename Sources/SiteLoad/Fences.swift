import SiteModel

/// Where a file's front matter stands in its bytes: a first line `---`, then
/// the YAML, then a line `---` or `...` (each fence may end in spaces or
/// tabs); the body is the rest. Found on the bytes, which hold no `\r` here
/// and are UTF-8: a fence is ASCII, and no byte of another character is one
/// of ASCII's.
struct Fences {
    var yaml: Range<Int>
    var body: Int
    /// The file line of the closing fence: how many lines stand before the body.
    var bodyLineOffset: Int

    enum Problem: Error {
        case missing, unclosed

        func diagnostic(_ file: String) -> Diagnostic {
            switch self {
            case .missing:
                return .error(file, 1, .missingFrontMatter, "missing front matter: the file must start with a line '---', then its fields, then '---'")
            case .unclosed:
                return .error(file, 1, .unclosedFrontMatter, "front matter is not closed: add a line '---' after its last field")
            }
        }
    }

    /// Walks the lines only as far as the closing fence.
    static func find(_ bytes: UnsafeRawBufferPointer) -> Result<Fences, Problem> {
        var lineNumber = 0
        var lineStart = 0
        var opening: Int?
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            var end = lineEnd
            while end > lineStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            let line = bytes[lineStart..<end]
            lineNumber += 1
            let next = lineEnd < bytes.count ? lineEnd + 1 : lineEnd
            if lineNumber == 1 {
                guard line.elementsEqual("---".utf8) else { return .failure(.missing) }
                opening = next
            } else if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                return .success(Fences(yaml: (opening ?? lineStart)..<lineStart, body: next, bodyLineOffset: lineNumber))
            }
            lineStart = next
        }
        return .failure(opening == nil ? .missing : .unclosed)
    }
}
