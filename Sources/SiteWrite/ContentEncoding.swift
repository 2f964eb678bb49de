import CBrotli
import CZlib
import Foundation

/// The encodings a host serves precompressed (nginx's `gzip_static` and
/// `brotli_static`), each a file beside the plain one.
///
/// Levels, measured with bench/compression-levels.c on one core here, on
/// this site's pages and 500 generated ones: gzip 9 makes the same size
/// as 6 (29.9%) at the same speed, so 9. Brotli 5 makes the same size as 6
/// to 9 (27.2%), at 34 MB/s; 4 is 6% larger; 10 and 11 are 10% smaller but
/// run at 1.5 and 0.5 MB/s, some 20 to 70 times slower: minutes, not
/// seconds, for a full build of a 10,000-page site.
public enum ContentEncoding: String, CaseIterable, Sendable {
    case gzip, brotli

    static let gzipLevel: Int32 = 9
    static let brotliQuality: Int32 = 5

    /// What a build's manifest records, so a change of levels compresses everything again.
    static let settings = "gzip \(gzipLevel), brotli \(brotliQuality)"

    /// The suffix of the compressed copy: `index.html.gz`.
    public var suffix: String {
        switch self {
        case .gzip: ".gz"
        case .brotli: ".br"
        }
    }

    /// The bytes encoded; nil if the library fails (it does not on memory it has).
    func encode(_ data: Data) -> Data? {
        switch self {
        case .gzip: Self.gzip(data)
        case .brotli: Self.brotli(data)
        }
    }

    /// A gzip stream (zlib's deflate with window bits 15 + 16), without a
    /// file name or time in its header, so the same bytes give the same file.
    static func gzip(_ data: Data) -> Data? {
        guard data.count < Int(UInt32.max) else { return nil }
        var stream = z_stream()
        guard deflateInit2_(&stream, gzipLevel, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))))
        let result = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { buffer -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(buffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { return nil }
        output.count = Int(stream.total_out)
        return output
    }

    static func brotli(_ data: Data) -> Data? {
        var size = BrotliEncoderMaxCompressedSize(data.count)
        if size == 0 { size = data.count + 1024 }  // "0 means the input is too large to say", not for our files
        var output = Data(count: size)
        let done = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { buffer in
                BrotliEncoderCompress(brotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.count,
                                      input.bindMemory(to: UInt8.self).baseAddress, &size,
                                      buffer.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        guard done == BROTLI_TRUE else { return nil }
        output.count = size
        return output
    }
}
