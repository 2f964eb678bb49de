import Foundation
import SiteModel

/// What a build wrote into the output folder: every file with its size and
/// hash, and every folder. Kept beside the output folder (never uploaded
/// with the site); the next build replaces the folder only if it still
/// holds exactly these files, unchanged.
public struct OutputManifest: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        public let path: String
        public let size: Int
        /// FNV-1a 64 of the bytes, 16 hex digits.
        public let fnv1a64: String
    }

    public var version = 1
    public var folders: [String]
    public var files: [File]
    /// The levels of the `.gz` and `.br` files among them, if the build compressed (`ContentEncoding.settings`).
    public var compression: String?

    public init(folders: [String], files: [File]) {
        self.folders = folders.sorted()
        self.files = files.sorted { $0.path < $1.path }
    }

    public static func read(from url: URL) -> OutputManifest? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(OutputManifest.self, from: data)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
