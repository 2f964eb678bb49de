import CLibXML2
import Foundation

/// An SVG image may hold script and load from other sites; the page's
/// `<img>` would not run it, but the file opened on its own would. Parsed
/// with libxml2 (no network, no entities); anything that can run or fetch
/// is refused.
enum SVGCheck {
    struct Problem {
        let line: Int
        let message: String
    }

    static func problem(in url: URL) -> Problem? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return Problem(line: 1, message: "cannot be read") }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { buffer in
            xmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options)
        }
        guard let document else { return Problem(line: 1, message: "is not well-formed XML") }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil {
            return Problem(line: 1, message: "has a DOCTYPE, which can define entities")
        }
        return firstProblem(from: xmlDocGetRootElement(document))
    }

    /// Elements and attributes in document order.
    private static func firstProblem(from first: xmlNodePtr?) -> Problem? {
        var node = first
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                let line = Int(xmlGetLineNo(current))
                let name = String(cString: current.pointee.name).lowercased()
                if ["script", "foreignobject", "iframe", "embed", "object"].contains(name) {
                    return Problem(line: line, message: "holds a <\(name)> element")
                }
                var attribute = current.pointee.properties
                while let property = attribute {
                    let attributeName = String(cString: property.pointee.name).lowercased()
                    let value = attributeValue(property).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                    if attributeName.hasPrefix("on") {
                        return Problem(line: line, message: "has an event-handler attribute '\(attributeName)'")
                    }
                    if value.contains("javascript:") {
                        return Problem(line: line, message: "has a javascript: URL")
                    }
                    if attributeName == "href" || attributeName == "src", !value.hasPrefix("#") {
                        return Problem(line: line, message: "refers to '\(value)' outside the image")
                    }
                    if value.contains("url("), !value.contains("url(#") {
                        return Problem(line: line, message: "refers to a url() outside the image")
                    }
                    attribute = property.pointee.next
                }
                if name == "style", content(of: current).contains("@import") {
                    return Problem(line: line, message: "imports a stylesheet")
                }
                if let problem = firstProblem(from: current.pointee.children) { return problem }
            }
            node = current.pointee.next
        }
        return nil
    }

    private static func attributeValue(_ property: xmlAttrPtr) -> String {
        guard let value = xmlNodeListGetString(property.pointee.doc, property.pointee.children, 1) else { return "" }
        defer { site_xml_free(value) }
        return String(cString: value)
    }

    private static func content(of node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { site_xml_free(value) }
        return String(cString: value)
    }
}
