import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 4: writes the site into a staging folder beside the output folder,
/// and swaps it in only when asked, so a failed build or check leaves the
/// previous site whole.
public struct OutputWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// A fully written site not yet in place.
    public struct Staged: Sendable {
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
            if hadOutput { Self.remove(old) }
        }

        public func discard() {
            Self.remove(folder)
        }

        /// Removes a folder, its top-level entries in parallel (large sites have thousands of files).
        static func remove(_ folder: URL) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            _ = entries.concurrentMap { entry in try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry)) }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Why the output folder must not be replaced, if it must not: the swap
    /// replaces it whole, so it may not hold the sources, and an existing
    /// folder must look like an earlier build (have an `index.html`).
    public func refusal(protecting sources: [URL]) -> String? {
        let target = output.resolvingSymlinksInPath().path
        for source in sources + [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            let path = source.standardizedFileURL.resolvingSymlinksInPath().path
            if path == target || path.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                return "the output folder holds \(source.path), which the build would replace: choose another output folder"
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "the output path is a file, not a folder" }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !entries.isEmpty && !entries.contains("index.html") {
            return "the output folder is not empty and holds no index.html, so it is not an earlier build: choose another folder, or empty it"
        }
        return nil
    }

    /// Plain open/write/close: Foundation's `Data.write` also syncs each file
    /// to disk, which a site that is swapped in whole does not need.
    static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return }
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
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
            // Every folder and its parents, parents first: one mkdir each.
            var directories: Set<String> = []
            for file in files {
                var parts = file.path.split(separator: "/").dropLast()
                while !parts.isEmpty, directories.insert(parts.joined(separator: "/")).inserted { parts = parts.dropLast() }
            }
            for directory in directories.sorted() where mkdir(folder.appendingPathComponent(directory).path, 0o755) != 0 && errno != EEXIST {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            // Writing is the slowest stage on large sites: spread it over the cores.
            let failures = files.concurrentMap { file -> String? in
                let destination = folder.appendingPathComponent(file.path)
                do {
                    switch file.contents {
                    case .data(let data): try Self.write(data, to: destination.path)
                    case .copy(let source): try FileManager.default.copyItem(at: source, to: destination)
                    }
                    return nil
                } catch {
                    return "\(file.path): \(error.localizedDescription)"
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw WriteFailure(description: failure) }
        } catch {
            try? fileManager.removeItem(at: folder)
            throw error
        }
        return Staged(folder: folder, output: output)
    }
}

/// A file of the staged site could not be written.
struct WriteFailure: Error, CustomStringConvertible, LocalizedError {
    let description: String
    var errorDescription: String? { description }
}

/// The C library's `write`, from Glibc on Linux and Darwin on macOS.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
