import Foundation
import SiteModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A content file's bytes and stamp, through one descriptor: one path
/// lookup a file where a `stat` and a read took two, and the stamp the
/// build's inputs step recorded can stand for the file's hash.
public enum FileBytes {
    public enum Outcome {
        /// The bytes, with the file's stamp when it was the same before and after they were read.
        case read(Data, FileStamp?)
        case tooLarge(Int)
        case unreadable
    }

    public static func contents(of path: String, limit: Int) -> Outcome {
        // A link or a pipe put in a file's place after the folder was read is not followed, nor waited on.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let before = FileStamp(info) else { return .unreadable }
        guard before.size <= limit else { return .tooLarge(before.size) }
        // One byte more than its size, so a file that grew meanwhile is noticed and read to its end.
        var capacity = before.size + 1
        guard var buffer = malloc(capacity) else { return .unreadable }
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                guard let larger = realloc(buffer, capacity) else { free(buffer); return .unreadable }
                buffer = larger
            }
            let got = read(descriptor, buffer + count, capacity - count)
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { free(buffer); return .unreadable }
            if got == 0 { break }
            count += got
            guard count <= limit else { free(buffer); return .tooLarge(count) }
        }
        let data = Data(bytesNoCopy: buffer, count: count, deallocator: .free)
        var after = stat()
        let stable = fstat(descriptor, &after) == 0 && FileStamp(after) == before && count == before.size
        return .read(data, stable ? before : nil)
    }
}
