import Foundation
import SiteModel

/// schema.org JSON-LD for a page, built from the same facts the page shows,
/// so search engines read what patients read. Typed structs, which encode
/// several times faster than dictionaries through JSONSerialization.
enum StructuredData {
    /// Each reference's node, the same on every page that cites it: encoded once for the site.
    static func referenceNodes(_ site: Site) -> [String: String] {
        site.references.mapValues { encodeNode(node(for: $0)) }
    }

    static func node(for reference: Reference) -> Node {
        switch reference.work {
        case .article(let work): return .article(article(reference, work))
        case .guidance(let work): return .guidance(guidance(reference, work))
        }
    }

    /// The page's graph: its own nodes (the `WebPage` in one of `forms`), then its references' (from `referenceNodes`),
    /// written as `Graph` would encode them (sorted keys, `@context` before `@graph`).
    static func json(for page: Page, site: Site, references: [Reference], referenceNodes: [String: String], forms: WebPageForms) -> String {
        let settings = site.settings
        let url = settings.paths.absoluteURL(page.path)
        var facts = PageFacts(type: page.review == nil ? "WebPage" : "MedicalWebPage", id: url + "#webpage", url: url, name: page.title,
                              description: page.metaDescription, lastReviewed: page.review?.reviewed.iso, reviewedBy: page.review?.reviewedBy)
        var about: [Node] = []
        switch page.detail {
        case .service(let service):
            facts.about = url + "#therapy"
            about = [.therapy(Therapy(id: url + "#therapy", name: page.title, alternateName: service.shortName,
                                      description: page.metaDescription, url: url))]
        case .centre(let centre):
            facts.about = url + "#clinic"
            about = [.clinic(clinic(centre, url: url, settings: settings))]
        case .page:
            break
        }
        let nodes = [forms.json(facts) ?? encodeNode(webPage(facts, settings: settings))] + about.map(encodeNode)
            + references.map { referenceNodes[$0.key] ?? encodeNode(node(for: $0)) }
        return escapingScriptEnd(#"{"@context":"https://schema.org","@graph":["# + nodes.joined(separator: ",") + "]}")
    }

    static func clinic(_ centre: Centre, url: String, settings: SiteSettings) -> Clinic {
        Clinic(id: url + "#clinic", name: "\(settings.provider) \(centre.name)", url: url, telephone: ViewBuilder.international(centre.telephone),
               address: PostalAddress(streetAddress: centre.address.joined(separator: ", "), addressLocality: centre.town, postalCode: centre.postcode),
               geo: GeoCoordinates(latitude: Coordinates.text(centre.coordinates.latitude), longitude: Coordinates.text(centre.coordinates.longitude)),
               parentOrganization: Organisation(type: "MedicalOrganization", name: settings.provider, url: settings.paths.baseURL))
    }

    /// The article within its issue, volume and journal, as schema.org chains them.
    static func article(_ reference: Reference, _ work: SiteModel.Article) -> ScholarlyArticle {
        let volume = PublicationVolume(volumeNumber: work.volume, isPartOf: Periodical(name: work.journal))
        let container: PartOf = work.issue.map { .issue(PublicationIssue(issueNumber: $0, isPartOf: volume)) } ?? .volume(volume)
        return ScholarlyArticle(id: work.doiURL, headline: reference.title, author: work.authors.map { Person(name: $0) },
                                datePublished: String(reference.year), isPartOf: container, pagination: work.pages,
                                identifier: [Identifier(propertyID: "DOI", value: work.doi), Identifier(propertyID: "PMID", value: work.pmid)],
                                sameAs: [work.doiURL, work.pubMedURL])
    }

    static func guidance(_ reference: Reference, _ work: Guidance) -> GuidanceDocument {
        GuidanceDocument(id: work.url, name: reference.title, url: work.url, datePublished: String(reference.year),
                         genre: work.series, identifier: work.number, publisher: Organisation(type: "Organization", name: work.publisher))
    }

    /// `<` escaped so no value can end the script element.
    static func encode<T: Encodable>(_ value: T) -> String {
        escapingScriptEnd(encodeNode(value))
    }

    /// Compact JSON with sorted keys: the encoder keeps keys in a hash table, whose order changes between runs.
    static func encodeNode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    static func escapingScriptEnd(_ text: String) -> String {
        text.containsBytes("<") ? text.replacingOccurrences(of: "<", with: "\\u003c") : text
    }

    // MARK: schema.org types, with the properties the site fills in

    struct Graph: Encodable {
        let context = "https://schema.org"
        let graph: [Node]
        enum CodingKeys: String, CodingKey { case context = "@context", graph = "@graph" }
    }

    enum Node: Encodable {
        case therapy(Therapy), clinic(Clinic), article(ScholarlyArticle), guidance(GuidanceDocument)
        func encode(to encoder: Encoder) throws {
            switch self {
            case .therapy(let node): try node.encode(to: encoder)
            case .clinic(let node): try node.encode(to: encoder)
            case .article(let node): try node.encode(to: encoder)
            case .guidance(let node): try node.encode(to: encoder)
            }
        }
    }

    struct Link: Encodable {
        let id: String
        enum CodingKeys: String, CodingKey { case id = "@id" }
    }

    struct Organisation: Encodable {
        let type: String
        let name: String
        var telephone: String?
        var url: String?
        enum CodingKeys: String, CodingKey { case type = "@type", name, telephone, url }
    }

    struct WebPage: Encodable {
        let type: String
        let id: String
        let url: String
        let name: String
        let description: String
        var inLanguage = "en-GB"
        let publisher: Organisation
        let lastReviewed: String?
        let reviewedBy: Organisation?
        var about: Link?
        enum CodingKeys: String, CodingKey {
            case type = "@type", id = "@id", url, name, description, inLanguage, publisher, lastReviewed, reviewedBy, about
        }

        init(type: String, id: String, url: String, name: String, description: String, publisher: Organisation,
             lastReviewed: String?, reviewedBy: Organisation?) {
            self.type = type
            self.id = id
            self.url = url
            self.name = name
            self.description = description
            self.publisher = publisher
            self.lastReviewed = lastReviewed
            self.reviewedBy = reviewedBy
        }
    }

    struct Therapy: Encodable {
        let type = "MedicalTherapy"
        let id: String
        let name: String
        let alternateName: String
        let description: String
        let url: String
        let relevantSpecialty = "Oncologic"
        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id", name, alternateName, description, url, relevantSpecialty }
    }

    struct PostalAddress: Encodable {
        let type = "PostalAddress"
        let streetAddress: String
        let addressLocality: String
        let postalCode: String
        let addressCountry = "GB"
        enum CodingKeys: String, CodingKey { case type = "@type", streetAddress, addressLocality, postalCode, addressCountry }
    }

    struct GeoCoordinates: Encodable {
        let type = "GeoCoordinates"
        let latitude: String
        let longitude: String
        let description = "Approximate position (town level)"
        enum CodingKeys: String, CodingKey { case type = "@type", latitude, longitude, description }
    }

    struct Clinic: Encodable {
        let type = "MedicalClinic"
        let id: String
        let name: String
        let url: String
        let telephone: String
        let address: PostalAddress
        let geo: GeoCoordinates
        let parentOrganization: Organisation
        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id", name, url, telephone, address, geo, parentOrganization }
    }

    struct Person: Encodable {
        let type = "Person"
        let name: String
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    struct Periodical: Encodable {
        let type = "Periodical"
        let name: String
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    struct Identifier: Encodable {
        let type = "PropertyValue"
        let propertyID: String
        let value: String
        enum CodingKeys: String, CodingKey { case type = "@type", propertyID, value }
    }

    struct PublicationVolume: Encodable {
        let type = "PublicationVolume"
        let volumeNumber: String
        let isPartOf: Periodical
        enum CodingKeys: String, CodingKey { case type = "@type", volumeNumber, isPartOf }
    }

    struct PublicationIssue: Encodable {
        let type = "PublicationIssue"
        let issueNumber: String
        let isPartOf: PublicationVolume
        enum CodingKeys: String, CodingKey { case type = "@type", issueNumber, isPartOf }
    }

    enum PartOf: Encodable {
        case issue(PublicationIssue), volume(PublicationVolume)
        func encode(to encoder: Encoder) throws {
            switch self {
            case .issue(let node): try node.encode(to: encoder)
            case .volume(let node): try node.encode(to: encoder)
            }
        }
    }

    struct ScholarlyArticle: Encodable {
        let type = "ScholarlyArticle"
        let id: String
        let headline: String
        let author: [Person]
        let datePublished: String
        let isPartOf: PartOf
        let pagination: String
        let identifier: [Identifier]
        let sameAs: [String]
        enum CodingKeys: String, CodingKey {
            case type = "@type", id = "@id", headline, author, datePublished, isPartOf, pagination, identifier, sameAs
        }
    }

    struct GuidanceDocument: Encodable {
        let type = "CreativeWork"
        let id: String
        let name: String
        let url: String
        let datePublished: String
        let genre: String
        let identifier: String
        let publisher: Organisation
        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id", name, url, datePublished, genre, identifier, publisher }
    }
}
