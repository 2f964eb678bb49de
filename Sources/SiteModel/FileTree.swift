import Foundation

/// The files below a folder, as the stages read them.
public enum FileTree {
    /// Relative paths of all files below `root`, sorted; hidden files and folders are skipped.
    public static func files(in root: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingFolder(path: root.path)
        }
        var result: [String] = []
        func walk(_ relative: String) throws {
            let absolute = relative.isEmpty ? root : root.appendingPathComponent(relative)
            for name in try FileManager.default.contentsOfDirectory(atPath: absolute.path) where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                var childIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &childIsDirectory),
                   childIsDirectory.boolValue {
                    try walk(path)
                } else {
                    result.append(path)
                }
            }
        }
        try walk("")
        return result.sorted()
    }
}

/// A folder the build was pointed at does not exist.
public struct MissingFolder: LocalizedError {
    public let path: String
    public var errorDescription: String? { "there is no folder \(path)" }
}
