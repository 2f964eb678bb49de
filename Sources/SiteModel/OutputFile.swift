import Foundation

/// One file of the built site: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case data(Data)
        /// Copied from a source file as it is.
        case copy(URL)
    }

    public let path: String
    public let contents: Contents

    public init(path: String, data: Data) {
        self.path = path
        self.contents = .data(data)
    }

    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }

    public init(path: String, copying source: URL) {
        self.path = path
        self.contents = .copy(source)
    }
}
