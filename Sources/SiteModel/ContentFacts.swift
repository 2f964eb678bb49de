import Foundation

// The facts content files state, once validated. Public initialisers, since
// validation (another module) makes them.

/// Who checked a medical page and when; shown on the page as the NHS
/// information standard asks.
public struct Review: Sendable {
    public var reviewed: Day
    public var nextReview: Day
    public var reviewedBy: String

    public init(reviewed: Day, nextReview: Day, reviewedBy: String) {
        self.reviewed = reviewed
        self.nextReview = nextReview
        self.reviewedBy = reviewedBy
    }
}

public struct Service: Sendable {
    public var id: String
    public var shortName: String
    public var treats: String
    public var target: String
    public var availableFrom: String?

    public init(id: String, shortName: String, treats: String, target: String, availableFrom: String?) {
        self.id = id
        self.shortName = shortName
        self.treats = treats
        self.target = target
        self.availableFrom = availableFrom
    }
}

public struct Coordinates: Sendable {
    public var latitude: Double
    public var longitude: Double
    public var approximate: Bool

    public init(latitude: Double, longitude: Double, approximate: Bool) {
        self.latitude = latitude
        self.longitude = longitude
        self.approximate = approximate
    }

    /// A coordinate as written in content, without binary-float noise.
    public static func text(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

public struct Centre: Sendable {
    public var id: String
    public var name: String
    public var address: [String]
    public var town: String
    public var postcode: String
    public var telephone: String
    public var coordinates: Coordinates
    /// Ids of the services offered here; empty while the provider has not confirmed them.
    public var services: [String]

    public init(id: String, name: String, address: [String], town: String, postcode: String, telephone: String,
                coordinates: Coordinates, services: [String]) {
        self.id = id
        self.name = name
        self.address = address
        self.town = town
        self.postcode = postcode
        self.telephone = telephone
        self.coordinates = coordinates
        self.services = services
    }
}

public struct Reference: Sendable {
    public var key: String
    public var authors: [String]
    public var etAl: Bool
    public var title: String
    public var journal: String
    public var year: Int
    public var volume: String
    public var issue: String?
    public var pages: String
    public var doi: String
    public var pmid: String
    /// The reference's file, as editors name it.
    public var file: String = ""

    public init(key: String, authors: [String], etAl: Bool, title: String, journal: String, year: Int, volume: String,
                issue: String?, pages: String, doi: String, pmid: String) {
        self.key = key
        self.authors = authors
        self.etAl = etAl
        self.title = title
        self.journal = journal
        self.year = year
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.doi = doi
        self.pmid = pmid
    }

    public var doiURL: String { "https://doi.org/" + doi }
    public var pubMedURL: String { "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }

    /// Vancouver style, as medical journals cite: `Hofman MS, Violet J, et al. Title. Journal. 2018;19(6):825-833.`
    public var citation: String {
        let names = authors.joined(separator: ", ") + (etAl ? ", et al." : ".")
        let title = self.title.hasSuffix(".") || self.title.hasSuffix("?") ? self.title : self.title + "."
        let issuePart = issue.map { "(\($0))" } ?? ""
        return "\(names) \(title) \(journal). \(year);\(volume)\(issuePart):\(pages)."
    }
}
