import Foundation
#if canImport(Glibc)
import CFolderEntries
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
    private let descriptor: Int32

    /// The folder at `path`, as `opendir` opens it.
    public init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// The folder `name` of `parent`, or of `parent`'s folders (`a/b`), the last name not a link.
    public init(_ name: String, in parent: OpenFolder) throws {
        descriptor = openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit { close(descriptor) }

    /// The stamp of the regular file at `relativePath` below the folder, as
    /// `lstat` of its whole path gives it, the path looked up from here
    /// rather than from the root.
    public func stamp(_ relativePath: String) -> FileStamp? {
        var info = stat()
        guard fstatat(descriptor, relativePath, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStamp(info)
    }

    /// Removes the entry `name` (an empty folder when `isFolder`), never following a link: true if it is gone.
    public func remove(_ name: String, isFolder: Bool) -> Bool {
        unlinkat(descriptor, name, isFolder ? AT_REMOVEDIR : 0) == 0 || errno == ENOENT
    }

    /// Calls `body` with each of the folder's entries in the order the file
    /// system gives them (the folder is read once): its name's bytes (valid
    /// for the call), its type from the folder's entry (`lstat` only where that
    /// does not say) and, for a regular file when `stamping`, its stamp. No
    /// string is made here: a walk of 10,000 folders made 30,000, most of
    /// them `.` and `..`. On Linux the entries are read with `getdents64`
    /// into a buffer of the walk's own: `fdopendir` cost two more system
    /// calls and a 32 KB allocation a folder (a walk of 10,000 folders, one
    /// file each, took 34 ms so against 43 to 62 ms, in C).
    public func forEachEntry(stamping: Bool, _ body: (UnsafeBufferPointer<UInt8>, FileTree.EntryType, FileStamp?) throws -> Void) throws {
        #if canImport(Glibc)
        try withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 8) { buffer in
            guard let start = buffer.baseAddress else { return }
            while true {
                let count = site_folder_entries(descriptor, start, buffer.count)
                if count == 0 { return }
                guard count > 0 else {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                // Each record: inode (8 bytes), offset (8), its length (2), the entry's type (1), the name and its NUL.
                var offset = 0
                while offset < count {
                    let record = UnsafeRawPointer(start + offset)
                    let length = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                    guard length > 19, offset + length <= count else { throw POSIXError(.EIO) }
                    let name = (record + 19).assumingMemoryBound(to: CChar.self)
                    try entry(name, strnlen(name, length - 19), Int(record.load(fromByteOffset: 18, as: UInt8.self)), stamping, body)
                    offset += length
                }
            }
        }
        #else
        let copy = dup(descriptor)
        guard copy >= 0, let folder = fdopendir(copy) else {
            let error = errno
            if copy >= 0 { close(copy) }
            throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO)
        }
        defer { closedir(folder) }
        while true {
            errno = 0
            guard let found = readdir(folder) else { break }
            let direntType = Int(found.pointee.d_type)
            try withUnsafeBytes(of: &found.pointee.d_name) { raw in
                let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                try entry(name, strnlen(name, raw.count), direntType, stamping, body)
            }
        }
        guard errno == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        #endif
    }

    /// One entry, `.` and `..` passed over.
    private func entry(_ cName: UnsafePointer<CChar>, _ count: Int, _ direntType: Int, _ stamping: Bool,
                       _ body: (UnsafeBufferPointer<UInt8>, FileTree.EntryType, FileStamp?) throws -> Void) throws {
        let name = UnsafeBufferPointer(start: UnsafeRawPointer(cName).assumingMemoryBound(to: UInt8.self), count: count)
        if name.first == UInt8(ascii: "."), name.count == 1 || (name.count == 2 && name[1] == UInt8(ascii: ".")) { return }
        var type = FileTree.EntryType(direntType: direntType)
        var stamp: FileStamp?
        if type == nil || (stamping && type == .file) {
            var info = stat()
            if fstatat(descriptor, cName, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                type = type ?? FileTree.EntryType(mode: info.st_mode)
                stamp = stamping ? FileStamp(info) : nil
            }
        }
        try body(name, type ?? .other, stamp)
    }
}
