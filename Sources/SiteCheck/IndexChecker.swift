import CLibXML2
import Foundation
import SiteModel

/// Checks the site's indexes against its pages: `sitemap.xml` lists every
/// page and nothing else (a redirect page is not a page of its own); `centres.json` is valid against its schema and
/// agrees with the centre pages; every JSON-LD block is valid JSON.
public struct IndexChecker: Sendable {
    public let site: BuiltSite
    public let sources: SourceMap

    public init(site: BuiltSite, sources: SourceMap) {
        self.site = site
        self.sources = sources
    }

    public func check() -> [Diagnostic] {
        sitemap() + centreIndex() + structuredData()
    }

    // MARK: sitemap.xml

    func sitemap() -> [Diagnostic] {
        let file = site.display("sitemap.xml")
        guard let data = site.data("sitemap.xml") else { return [.error(file, 1, .sitemap, "the site has no sitemap.xml")] }
        guard let base = site.paths?.baseURL else { return [.error(site.display("index.html"), 1, .sitemap, "the home page has no canonical link, so the site's base URL is unknown")] }
        var findings: [Diagnostic] = []
        var listed: Set<String> = []
        for (url, line) in Self.locations(in: data) {
            guard url.hasPrefix(base) else {
                findings.append(.error(file, line, .sitemap, "sitemap URL \(url) is outside the site \(base)"))
                continue
            }
            guard let page = site.file(for: String(url.dropFirst(base.count))), page.hasSuffix(".html") else {
                findings.append(.error(file, line, .sitemap, "sitemap URL \(url) has no page"))
                continue
            }
            if site.pages[page]?.redirect != nil {
                findings.append(.error(file, line, .sitemap, "sitemap URL \(url) is a redirect page, not a page of its own"))
            }
            listed.insert(page)
        }
        for page in site.pages.keys.sorted() where page != "404.html" && site.pages[page]?.redirect == nil && !listed.contains(page) {
            let origin = sources.pages[page].map { " (from \($0.contentFile))" } ?? ""
            findings.append(.error(site.display(page), 1, .sitemap, "page missing from sitemap.xml\(origin)"))
        }
        return findings
    }

    /// The text and line of every `<loc>` element.
    static func locations(in data: Data) -> [(String, Int)] {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { buffer in
            xmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, "UTF-8", options)
        }
        guard let document else { return [] }
        defer { xmlFreeDoc(document) }
        var found: [(String, Int)] = []
        HTMLPage.forEachElement(from: xmlDocGetRootElement(document)) { element in
            if String(cString: element.pointee.name) == "loc" {
                found.append((HTMLPage.text(element).trimmingCharacters(in: .whitespacesAndNewlines), Int(xmlGetLineNo(element))))
            }
        }
        return found
    }

    // MARK: centres.json

    func centreIndex() -> [Diagnostic] {
        let file = site.display(CentreIndex.fileName)
        guard let data = site.data(CentreIndex.fileName) else { return [.error(file, 1, .centreIndex, "the site has no \(CentreIndex.fileName)")] }
        guard let schemaData = site.data(CentreIndex.schemaFileName) else {
            return [.error(site.display(CentreIndex.schemaFileName), 1, .centreIndex, "the site has no \(CentreIndex.schemaFileName)")]
        }
        let instance: Any
        let schema: JSONSchema
        do {
            instance = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return [.error(file, 1, .centreIndex, "not valid JSON: \(error.plainDescription)")]
        }
        do {
            schema = try JSONSchema(data: schemaData)
        } catch {
            return [.error(site.display(CentreIndex.schemaFileName), 1, .centreIndex, "not a valid JSON schema: \(error.plainDescription)")]
        }
        let violations = schema.validate(instance)
        if !violations.isEmpty {
            return violations.map { .error(file, 1, .centreIndex, "not valid against \(CentreIndex.schemaFileName): \($0)") }
        }
        guard let index = try? JSONDecoder().decode(CentreIndex.self, from: data) else {
            return [.error(file, 1, .centreIndex, "cannot be read as a centre index")]
        }
        var findings: [Diagnostic] = []
        var recorded: Set<String> = []
        for centre in index.centres {
            let pageFile = SitePaths.servedFile(for: centre.path)
            recorded.insert(pageFile)
            guard let page = site.pages[pageFile] else {
                findings.append(.error(file, 1, .centreIndex, "centre '\(centre.id)' has no page \(site.display(pageFile))"))
                continue
            }
            let normalise = { (text: String) in text.uppercased().filter { !$0.isWhitespace } }
            if !page.addresses.contains(where: { normalise($0).contains(normalise(centre.postcode)) }) {
                let origin = sources.pages[pageFile].map { " (from \($0.contentFile))" } ?? ""
                findings.append(.error(site.display(pageFile), 1, .centreIndex, "the page's <address> does not show the postcode \(centre.postcode) that \(CentreIndex.fileName) gives for centre '\(centre.id)'\(origin)"))
            }
        }
        for page in site.pages.keys.sorted() where Self.isCentrePage(page) && !recorded.contains(page) {
            findings.append(.error(site.display(page), 1, .centreIndex, "centre page without a record in \(CentreIndex.fileName)"))
        }
        return findings
    }

    /// `centres/<id>/index.html`: the pages the centre index must list.
    static func isCentrePage(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[0] == "centres" && parts[2] == "index.html"
    }

    // MARK: JSON-LD

    func structuredData() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (path, page) in site.pages.sorted(by: { $0.key < $1.key }) {
            for block in page.structuredData where (try? JSONSerialization.jsonObject(with: Data(block.text.utf8))) == nil {
                findings.append(.error(site.display(path), block.line, .structuredData, "JSON-LD block is not valid JSON"))
            }
        }
        return findings
    }
}
