import CompressNIO
import Foundation
import NIOCore

/// The compressions `PUT` knows, as `SOURCE_COMPRESSION` names them; `PUT` detects them on the
/// client and gzips files that are not compressed (`AUTO_COMPRESS = TRUE`).
public enum StageCompression: String, Sendable, CaseIterable {
    case gzip = "GZIP", bz2 = "BZ2", brotli = "BROTLI", zstd = "ZSTD", deflate = "DEFLATE", rawDeflate = "RAW_DEFLATE", none = "NONE"

    /// What `SOURCE_COMPRESSION = AUTO_DETECT` finds: by the name's extension, then by the
    /// first bytes.
    public static func detect(name: String, data: Data) -> StageCompression {
        let lowered = name.lowercased()
        let byExtension: [(String, StageCompression)] = [
            (".gz", .gzip), (".bz2", .bz2), (".br", .brotli), (".zst", .zstd), (".deflate", .deflate), (".raw_deflate", .rawDeflate),
        ]
        for (suffix, compression) in byExtension where lowered.hasSuffix(suffix) { return compression }
        let bytes = [UInt8](data.prefix(4))
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b { return .gzip }
        if bytes.count >= 3, bytes[0] == 0x42, bytes[1] == 0x5a, bytes[2] == 0x68 { return .bz2 }
        if bytes.count >= 4, bytes == [0x28, 0xb5, 0x2f, 0xfd] { return .zstd }
        return .none
    }

    /// The bytes gzipped, as `AUTO_COMPRESS = TRUE` stores them.
    public static func gzip(_ data: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: data)
        let compressed = try buffer.compress(with: .gzip())
        return Data(compressed.readableBytesView)
    }
}
