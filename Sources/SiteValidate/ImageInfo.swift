import CLibXML2
import CStbInfo
import CWebP
import Foundation
import SiteModel

/// The width and height an image file says it has, read from its header by
/// the libraries that know each format: stb_image for PNG, JPEG and GIF,
/// libwebp for WebP, libxml2 for SVG. Nil when the file does not say.
enum ImageInfo {
    static func size(of url: URL, type: String) -> ImageSize? {
        switch type {
        case "png", "jpg", "jpeg", "gif": return headerSize(url)
        case "webp": return webPSize(url)
        case "svg": return svgSize(url)
        default: return nil
        }
    }

    private static func headerSize(_ url: URL) -> ImageSize? {
        var width: Int32 = 0, height: Int32 = 0
        guard site_image_info(url.path, &width, &height) == 1 else { return nil }
        return valid(Double(width), Double(height))
    }

    private static func webPSize(_ url: URL) -> ImageSize? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var width: Int32 = 0, height: Int32 = 0
        let found = data.withUnsafeBytes { buffer in
            WebPGetInfo(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count, &width, &height)
        }
        return found == 1 ? valid(Double(width), Double(height)) : nil
    }

    /// The root element's `width` and `height` in pixels, or else its `viewBox`.
    private static func svgSize(_ url: URL) -> ImageSize? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { buffer in
            xmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options)
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        if let width = attribute("width", of: root).flatMap(pixels), let height = attribute("height", of: root).flatMap(pixels) {
            return valid(width, height)
        }
        let box = attribute("viewBox", of: root)?.split(whereSeparator: { $0 == "," || $0.isWhitespace }).compactMap { Double($0) }
        guard let box, box.count == 4 else { return nil }
        return valid(box[2], box[3])
    }

    private static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { site_xml_free(value) }
        return String(cString: value)
    }

    /// `120` or `120px`; other units and percentages depend on the page.
    private static func pixels(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return Double(trimmed.hasSuffix("px") ? String(trimmed.dropLast(2)) : trimmed)
    }

    private static func valid(_ width: Double, _ height: Double) -> ImageSize? {
        guard width.isFinite, height.isFinite, width >= 0.5, height >= 0.5, width < 1e6, height < 1e6 else { return nil }
        return ImageSize(width: Int(width.rounded()), height: Int(height.rounded()))
    }
}
