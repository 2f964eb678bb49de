import CLibXML2
import Foundation

/// What the checker reads from a built HTML page, parsed with libxml2's
/// HTML parser: the ids it defines, the URLs it refers to (with their lines),
/// the text of its `<address>` elements and its JSON-LD blocks.
public struct HTMLPage: Sendable {
    public struct Reference: Equatable, Sendable {
        public let element: String
        public let attribute: String
        public let url: String
        public let line: Int
        /// `a href`: a link a visitor can follow (what reachability walks).
        public var isNavigation: Bool { element == "a" && attribute == "href" }
    }

    public var ids: Set<String> = []
    /// Ids given to more than one element, with the line of each repeat: a link to them is ambiguous.
    public var repeatedIDs: [(id: String, line: Int)] = []
    public var references: [Reference] = []
    public var addresses: [String] = []
    public var structuredData: [(text: String, line: Int)] = []
    public var canonical: String?
    /// Where a redirect page (`<meta http-equiv="refresh" content="0; url=…">`) sends the browser.
    public var redirect: String?

    private static let setUp: Void = { xmlInitParser() }()

    /// Attributes that hold URLs, by element.
    static let urlAttributes: [String: [String]] = [
        "a": ["href"], "link": ["href"], "img": ["src", "srcset"], "script": ["src"], "source": ["src", "srcset"],
        "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "form": ["action"],
    ]

    public init(data: Data) {
        _ = Self.setUp
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue)
        let document = data.withUnsafeBytes { buffer in
            htmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, "UTF-8", options)
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        Self.forEachElement(from: xmlDocGetRootElement(document)) { read($0) }
    }

    /// Every element from `first` on, its siblings and their descendants, in document order.
    static func forEachElement(from first: xmlNodePtr?, _ body: (xmlNodePtr) -> Void) {
        var node = first
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                body(current)
                forEachElement(from: current.pointee.children, body)
            }
            node = current.pointee.next
        }
    }

    private mutating func read(_ node: xmlNodePtr) {
        let name = String(cString: node.pointee.name).lowercased()
        let line = Int(xmlGetLineNo(node))
        if let id = Self.attribute(node, "id"), !ids.insert(id).inserted { repeatedIDs.append((id, line)) }
        if name == "a", let anchor = Self.attribute(node, "name") { ids.insert(anchor) }
        for attribute in Self.urlAttributes[name] ?? [] {
            guard let value = Self.attribute(node, attribute) else { continue }
            let urls = attribute == "srcset" ? Self.srcsetURLs(value) : [value]
            for url in urls {
                references.append(Reference(element: name, attribute: attribute, url: url, line: line))
            }
        }
        if name == "meta", let property = Self.attribute(node, "property"), ["og:url", "og:image"].contains(property),
           let content = Self.attribute(node, "content") {
            references.append(Reference(element: "meta", attribute: property, url: content, line: line))
        }
        if name == "link", Self.attribute(node, "rel") == "canonical" { canonical = Self.attribute(node, "href") }
        if name == "meta", Self.attribute(node, "http-equiv")?.lowercased() == "refresh",
           let url = Self.attribute(node, "content").flatMap(Self.refreshURL) {
            redirect = url
            references.append(Reference(element: "meta", attribute: "refresh", url: url, line: line))
        }
        if name == "address" { addresses.append(Self.text(node)) }
        if name == "script", Self.attribute(node, "type") == "application/ld+json" {
            structuredData.append((Self.text(node), line))
        }
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { site_xml_free(value) }
        return String(cString: value)
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { site_xml_free(value) }
        return String(cString: value)
    }

    /// `../funding/` of `0; url=../funding/` (also `URL='…'`).
    static func refreshURL(_ content: String) -> String? {
        guard let semicolon = content.firstIndex(of: ";") else { return nil }
        var rest = content[content.index(after: semicolon)...].drop { $0 == " " }
        guard rest.lowercased().hasPrefix("url") else { return nil }
        rest = rest.dropFirst(3).drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        let url = rest.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        return url.isEmpty ? nil : url
    }

    /// `a.png 1x, b.png 2x` -> `[a.png, b.png]`.
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            candidate.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first.map(String.init)
        }
    }
}
