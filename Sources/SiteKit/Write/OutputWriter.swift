import Foundation

/// Stage 4: writes the site into a staging folder beside the output folder,
/// and swaps it in only when asked, so a failed build or check leaves the
/// previous site whole.
public struct OutputWriter {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// A fully written site not yet in place.
    public struct Staged {
        public let folder: URL
        let output: URL

        /// Replaces the output folder with the staged one.
        public func commit() throws {
            let fileManager = FileManager.default
            let parent = output.deletingLastPathComponent()
            let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            var hadOutput = false
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: old)
                hadOutput = true
            }
            do {
                try fileManager.moveItem(at: folder, to: output)
            } catch {
                if hadOutput { try? fileManager.moveItem(at: old, to: output) }
                throw error
            }
            if hadOutput { try? fileManager.removeItem(at: old) }
        }

        public func discard() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    public func stage(_ files: [OutputFile]) throws -> Staged {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let folder = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: folder)
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            var made: Set<String> = []
            for file in files {
                let destination = folder.appendingPathComponent(file.path)
                let directory = destination.deletingLastPathComponent()
                if made.insert(directory.path).inserted {
                    try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
                }
                switch file.contents {
                case .data(let data): try data.write(to: destination)
                case .copy(let source): try fileManager.copyItem(at: source, to: destination)
                }
            }
        } catch {
            try? fileManager.removeItem(at: folder)
            throw error
        }
        return Staged(folder: folder, output: output)
    }
}
