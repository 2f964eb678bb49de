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
    public let location: OutputLocation

    public init(output: String) {
        location = OutputLocation(output)
    }

    public var output: URL { location.folder }

    static var process: Int32 { ProcessInfo.processInfo.processIdentifier }

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
        try fileManager.createDirectory(at: location.parent, withIntermediateDirectories: true)
        let folder = location.staging(Self.process)
        // Registered before it exists, so an interrupt from here on removes it.
        guard InterruptCleanup.shared.register(folder) else { throw WriteFailure(description: "interrupted") }
        try? fileManager.removeItem(at: folder)
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            // Every folder and its parents, parents first: one mkdir each.
            let directories = OutputInventory.folders(holding: files.map(\.path)).sorted()
            for directory in directories {
                try InterruptCleanup.shared.checkpoint()
                if mkdir(folder.appendingPathComponent(directory).path, 0o755) != 0 && errno != EEXIST {
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
            }
            // Writing is the slowest stage on large sites: spread it over the cores.
            let written = files.concurrentMap { file -> Result<OutputManifest.File, WriteFailure> in
                let destination = folder.appendingPathComponent(file.path)
                do {
                    try InterruptCleanup.shared.checkpoint()
                    let data: Data
                    switch file.contents {
                    case .data(let bytes):
                        data = bytes
                        try Self.write(bytes, to: destination.path)
                    case .copy(let source):
                        try FileManager.default.copyItem(at: source, to: destination)
                        data = try Data(contentsOf: destination, options: .mappedIfSafe)
                    case .previous(let source, let size, let hash):
                        // A hard link: the previous folder goes at the swap, and the file stays.
                        if link(source.path, destination.path) != 0 {
                            try FileManager.default.copyItem(at: source, to: destination)
                        }
                        return .success(.init(path: file.path, size: size, fnv1a64: hash, stamp: FileStamp(path: destination.path)))
                    }
                    return .success(.init(path: file.path, size: data.count, fnv1a64: FNV1a64.hash(data), stamp: FileStamp(path: destination.path)))
                } catch {
                    return .failure(WriteFailure(description: "\(file.path): \(error.plainDescription)"))
                }
            }
            let manifest = OutputManifest(folders: directories, files: try written.map { try $0.get() })
            return Staged(folder: folder, location: location, manifest: manifest)
        } catch {
            try? fileManager.removeItem(at: folder)
            InterruptCleanup.shared.unregister(folder)
            throw error
        }
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
