import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules that keep the swap from deleting what the build did not write.
extension OutputWriter {
    /// At most this many files are named; a folder full of foreign files needs no longer list.
    static let namedAtMost = 20

    /// Why the output folder's contents may not be replaced. With a manifest
    /// of the last build beside it: every file must be in it, unchanged, and
    /// every folder. Without one (a folder of an earlier build, from before
    /// manifests): it must be empty, or hold only files this build writes,
    /// `expecting`; nil while those are not known yet (the swap asks again).
    /// Reading every file for its hash is the slow part (a third of a second
    /// for 10,000 pages), so the prepare step leaves it to the swap and only
    /// looks for foreign files, which are what a swap would lose.
    public func contentRefusals(expecting paths: [String]?, comparingContents: Bool = true) -> [Diagnostic] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return []
        }
        let manifest = location.readManifest()
        guard manifest != nil || paths != nil else { return [] }
        do {
            let inventory = try OutputInventory(reading: output, stamping: comparingContents && manifest != nil)
            if let manifest {
                return diagnostics(inventory.findings(against: manifest, in: output, comparingContents: comparingContents))
            }
            return diagnostics(inventory.findings(expecting: Set(paths ?? [])))
        } catch {
            return [.error(location.display, 1, .outputRefused, "cannot read the output folder: \(error.plainDescription)")]
        }
    }

    private func diagnostics(_ findings: [OutputInventory.Finding]) -> [Diagnostic] {
        let folder = location.displayPath(""), named = findings.prefix(Self.namedAtMost)
        var result = named.map { finding -> Diagnostic in
            switch finding {
            case .foreign(let path):
                let kind = path.hasSuffix("/") ? "folder" : "file"
                return .error(location.displayPath(path), 1, .outputRefused,
                              "the build did not write this \(kind) and would delete it with the rest of \(folder): move it out of \(folder), or build into another folder")
            case .changed(let path):
                return .error(location.displayPath(path), 1, .outputChanged,
                              "changed since the build wrote it, and the build would overwrite it: move it out of \(folder), or delete it to have it written again")
            }
        }
        if findings.count > named.count {
            result.append(.error(location.display, 1, .outputRefused, "and \(findings.count - named.count) more files the build did not write or that changed since"))
        }
        return result
    }

    /// Takes the output folder's lock (see `OutputLock`), beside it: its parent must exist.
    public func lock(waitingUpTo seconds: Double) throws -> OutputLock {
        try OutputLock.acquire(location.lockFile, waitingUpTo: seconds)
    }

    /// Whether the output folder holds exactly what its manifest lists, each
    /// file unchanged by its stamp (no file is read): what lets a build with
    /// nothing changed leave it as it is.
    public func isAsLastWritten() -> Bool {
        guard let manifest = location.readManifest(),
              let inventory = try? OutputInventory(reading: output, stamping: true),
              inventory.others.isEmpty, inventory.files.count == manifest.files.count,
              inventory.folders == Set(manifest.folders) else { return false }
        let written = manifest.lookup
        return zip(inventory.files, inventory.stamps).allSatisfy { path, stamp in written(path)?.isUnchanged(stamp) == true }
    }

    /// Removes what builds that did not finish left beside the output: their
    /// staging folders, the caches they set aside or were writing, and the
    /// previous site they were swapping out (put back if the output folder is
    /// missing, since then it is the only copy). Call with the lock held, so
    /// no live build of this output has any (and this process has none yet:
    /// one named with its id is an earlier process's).
    public func removeLeftovers() {
        let prefix = ".\(location.name)."
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: location.parent.path)) ?? []
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let dash = rest.lastIndex(of: "-"), let process = Int32(rest[rest.index(after: dash)...]),
                  process == Self.process || !Self.isRunning(process) else { continue }
            let url = location.parent.appendingPathComponent(entry)
            switch rest[..<dash] {
            case "staging", "cache":
                Staged.remove(url)
            case "old":
                if OutputLocation.linkTarget(output.path) == nil, !FileManager.default.fileExists(atPath: output.path),
                   (try? Staged.move(url, to: output)) != nil { continue }
                Staged.remove(url)
            case "manifest":
                unlink(url.path)
            default:
                continue
            }
        }
    }

    /// Whether a process runs (one of another user answers EPERM: it runs).
    static func isRunning(_ process: Int32) -> Bool {
        kill(process, 0) == 0 || errno == EPERM
    }
}
