/// Whether bytes are UTF-8, checked where they are: `String(validating:)`
/// answers the same with a copy of them made (a Markdown body kept as its
/// file's bytes is made text only when a step reads it).
public enum UTF8Check {
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let units = bytes.assumingMemoryBound(to: UInt8.self)
        if #available(macOS 26, *) {
            return (try? UTF8Span(validating: Span(_unsafeElements: units))) != nil
        }
        return String(validating: units, as: UTF8.self) != nil
    }
}
