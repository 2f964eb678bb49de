import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder open by descriptor, for walks of large trees: its subfolders
/// are opened from it and its files stamped by name, so no path is looked
/// up from the root again (for a page's `index.html` six names deep, the
/// kernel's lookup of the path cost more than the `lstat` itself). A
/// subfolder is never opened through a symbolic link. Shared between
/// threads only to open subfolders and stamp files from (`openat` and
/// `fstatat` are safe from any); its entries are read once, by one.
public final class OpenFolder: @unchecked Sendable {
    #if canImport(Darwin)
    private typealias Stream = UnsafeMutablePointer<DIR>
    #else
    private typealias Stream = OpaquePointer
    #endif
    private let folder: Stream

    /// The folder at `path`, as `opendir` opens it.
    public init(path: String) throws {
        guard let folder = opendir(path) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.folder = folder
    }

    /// The folder `name` of `parent`, or of `parent`'s folders (`a/b`), the last name not a link.
    public init(_ name: String, in parent: OpenFolder) throws {
        let descriptor = openat(dirfd(parent.folder), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        guard let folder = fdopendir(descriptor) else {
            let error = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO)
        }
        self.folder = folder
    }

    deinit { closedir(folder) }

    /// The stamp of the regular file at `relativePath` below the folder, as
    /// `lstat` of its whole path gives it, the path looked up from here
    /// rather than from the root.
    public func stamp(_ relativePath: String) -> FileStamp? {
        var info = stat()
        guard fstatat(dirfd(folder), relativePath, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStamp(info)
    }

    /// Calls `body` with each of the folder's entries in the order the file
    /// system gives them (the folder is read once): its name's bytes (valid
    /// for the call), its type from `readdir` (`lstat` only where that does
    /// not say) and, for a regular file when `stamping`, its stamp. No
    /// string is made here: a walk of 10,000 folders made 30,000, most of
    /// them `.` and `..`.
    public func forEachEntry(stamping: Bool, _ body: (UnsafeBufferPointer<UInt8>, FileTree.EntryType, FileStamp?) throws -> Void) throws {
        while true {
            errno = 0
            guard let entry = readdir(folder) else { break }
            let direntType = Int(entry.pointee.d_type)
            try withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let cName = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                let name = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: strnlen(cName, raw.count))
                if name.first == UInt8(ascii: "."), name.count == 1 || (name.count == 2 && name[1] == UInt8(ascii: ".")) { return }
                var type = FileTree.EntryType(direntType: direntType)
                var stamp: FileStamp?
                if type == nil || (stamping && type == .file) {
                    var info = stat()
                    if fstatat(dirfd(folder), cName, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                        type = type ?? FileTree.EntryType(mode: info.st_mode)
                        stamp = stamping ? FileStamp(info) : nil
                    }
                }
                try body(name, type ?? .other, stamp)
            }
        }
        guard errno == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
