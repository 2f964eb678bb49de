import Foundation

/// schema.org JSON-LD for a page, built from the same facts the page shows,
/// so search engines read what patients read.
enum StructuredData {
    static func json(for page: Page, site: Site, references: [Reference]) -> String {
        let settings = site.settings
        let url = settings.baseURL + page.path
        let organisation: [String: Any] = ["@type": "MedicalOrganization", "name": settings.provider,
                                           "telephone": settings.telephoneInternational, "url": settings.baseURL]
        var webPage: [String: Any] = [
            "@type": page.review == nil ? "WebPage" : "MedicalWebPage",
            "@id": url + "#webpage",
            "url": url,
            "name": page.title,
            "description": page.description,
            "inLanguage": "en-GB",
            "publisher": organisation,
        ]
        if let review = page.review {
            webPage["lastReviewed"] = review.reviewed.iso
            webPage["reviewedBy"] = ["@type": "Organization", "name": review.reviewedBy]
        }
        var graph: [[String: Any]] = [webPage]
        switch page.detail {
        case .service(let service):
            graph.append([
                "@type": "MedicalTherapy",
                "@id": url + "#therapy",
                "name": page.title,
                "alternateName": service.shortName,
                "description": page.description,
                "url": url,
                "medicineSystem": "WesternConventional",
                "relevantSpecialty": "Oncologic",
            ])
            webPage["about"] = ["@id": url + "#therapy"]
            graph[0] = webPage
        case .centre(let centre):
            graph.append(clinic(centre, url: url, settings: settings))
            webPage["about"] = ["@id": url + "#clinic"]
            graph[0] = webPage
        case .page:
            break
        }
        for reference in references {
            graph.append(article(reference))
        }
        return encode(["@context": "https://schema.org", "@graph": graph])
    }

    static func clinic(_ centre: Centre, url: String, settings: SiteSettings) -> [String: Any] {
        [
            "@type": "MedicalClinic",
            "@id": url + "#clinic",
            "name": "\(settings.provider) \(centre.name)",
            "url": url,
            "telephone": centre.telephone,
            "address": [
                "@type": "PostalAddress",
                "streetAddress": centre.address.joined(separator: ", "),
                "addressLocality": centre.town,
                "postalCode": centre.postcode,
                "addressCountry": "GB",
            ],
            "geo": [
                "@type": "GeoCoordinates",
                "latitude": CentreIndex.format(centre.coordinates.latitude),
                "longitude": CentreIndex.format(centre.coordinates.longitude),
                "description": "Approximate position (town level)",
            ],
            "parentOrganization": ["@type": "MedicalOrganization", "name": settings.provider, "url": settings.baseURL],
        ]
    }

    static func article(_ reference: Reference) -> [String: Any] {
        var article: [String: Any] = [
            "@type": "ScholarlyArticle",
            "@id": reference.doiURL,
            "headline": reference.title,
            "author": reference.authors.map { ["@type": "Person", "name": $0] },
            "datePublished": String(reference.year),
            "isPartOf": ["@type": "Periodical", "name": reference.journal],
            "pagination": reference.pages,
            "identifier": [
                ["@type": "PropertyValue", "propertyID": "DOI", "value": reference.doi],
                ["@type": "PropertyValue", "propertyID": "PMID", "value": reference.pmid],
            ],
            "sameAs": [reference.doiURL, reference.pubMedURL],
        ]
        if let issue = reference.issue { article["issueNumber"] = issue }
        article["volumeNumber"] = reference.volume
        return article
    }

    /// Sorted keys for byte-identical builds; `<` escaped so no value can end the script element.
    static func encode(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
