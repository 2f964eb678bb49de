import Foundation

/// One file of the built site: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case data(Data)
        /// Copied from a source file as it is.
        case copy(URL)
        /// The same file of the previous build, by its path, unchanged: linked, not written again.
        /// `size`, `hash` and `stamp` are its manifest record's (a link keeps the file's stamp).
        case previous(String, size: Int, hash: String, stamp: FileStamp)
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

    public init(path: String, reusing previous: String, size: Int, hash: String, stamp: FileStamp) {
        self.path = path
        self.contents = .previous(previous, size: size, hash: hash, stamp: stamp)
    }

    public init(path: String, copying source: URL) {
        self.path = path
        self.contents = .copy(source)
    }
}

/// Where the files of a site go as they are made (the build's staging
/// folder), so that a site is never held in memory whole.
public protocol OutputSink: Sendable {
    /// Takes one file; called from several threads at once.
    func put(_ file: OutputFile) throws
}
