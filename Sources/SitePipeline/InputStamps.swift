import Foundation
import SiteModel
import SiteWrite

/// Each content file's hashes as the last build took them, with the file's
/// size, inode and modification time then (`inputs.tsv` in the cache). A
/// file whose stamp is still the same is not read again, as git and make
/// tell: only one changed in the last moments before that build is, since
/// a file system's clock may be coarser than its time stamps.
struct InputStamps: Sendable, Equatable {
    struct Record: Sendable, Equatable {
        var size: Int
        var inode: UInt64
        var modified: Int64
        var whole: ContentHash
        var face: ContentHash

        /// Its line of the file. Content paths hold no tab or line break: such a name is an error of the build, whose cache is not kept.
        func add(_ path: String, to lines: inout TabSeparated.Lines) {
            lines.start(path)
            lines.field(size)
            lines.field(inode)
            lines.field(modified)
            lines.field(whole.hex)
            lines.field(face.hex)
            lines.end()
        }
    }

    /// When the build that took these hashes started to read (nanoseconds since 1970).
    var readAt: Int64
    var records: [String: Record] = [:]

    /// How long before `readAt` a file must have last changed to be trusted by its stamp.
    static let margin: Int64 = 2_000_000_000

    static var now: Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The hashes of `path` if its stamp is the one recorded, and old enough.
    func hashes(_ path: String, stamp: FileStamp?) -> (whole: ContentHash, face: ContentHash)? {
        guard let stamp, let record = records[path], record.size == stamp.size, record.inode == stamp.inode,
              record.modified == stamp.modified, stamp.modified < readAt - Self.margin else { return nil }
        return (record.whole, record.face)
    }

    /// Version 2: `ContentHash` reads long texts in lanes (its hashes of files are not those of version 1).
    static let header = "site-input-stamps 2"

    func encoded() -> Data {
        var lines = TabSeparated.Lines()
        lines.start(Self.header)
        lines.field(readAt)
        lines.end()
        for (path, record) in records.sorted(by: { $0.key < $1.key }) { record.add(path, to: &lines) }
        return Data(lines.bytes)
    }

    /// The lines of the records of `paths`, the files read again (every other's record is
    /// the one `previous` holds, by which it was trusted), that `previous` does not hold
    /// as they are, for appending to its file (a path's last record stands for it). Judged
    /// by that file's time of reading, which is older than these records': the margin
    /// holds as it did, or more.
    func encodedRecords(of paths: [String], differingFrom previous: InputStamps) -> Data {
        var lines = TabSeparated.Lines()
        for path in paths.sorted() {
            guard let record = records[path], previous.records[path] != record else { continue }
            record.add(path, to: &lines)
        }
        return Data(lines.bytes)
    }

    /// The stamps `encoded()` wrote, or nil for anything else (then every file is read).
    static func decode(_ data: Data) -> InputStamps? {
        var readAt: Int64?
        var records: [String: Record] = [:]
        records.reserveCapacity(max(TabSeparated.lineCount(data) - 1, 0))
        let whole = TabSeparated.read(data) { fields in
            guard readAt != nil else {
                guard fields.count == 2, TabSeparated.text(fields[0]) == header, let time = TabSeparated.signed(fields[1]) else { return false }
                readAt = time
                return true
            }
            guard fields.count == 6, let size = TabSeparated.unsigned(fields[1]).flatMap({ Int(exactly: $0) }),
                  let inode = TabSeparated.unsigned(fields[2]), let modified = TabSeparated.signed(fields[3]),
                  let whole = TabSeparated.hash(fields[4]), let face = TabSeparated.hash(fields[5]) else { return false }
            records[TabSeparated.text(fields[0])] = Record(size: size, inode: inode, modified: modified,
                                                           whole: ContentHash(value: whole), face: ContentHash(value: face))
            return true
        }
        guard whole, let readAt else { return nil }
        return InputStamps(readAt: readAt, records: records)
    }
}
