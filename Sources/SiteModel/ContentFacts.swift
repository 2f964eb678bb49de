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

/// A source a page cites: a journal article or a guidance document.
public struct Reference: Sendable {
    public enum Work: Sendable {
        case article(Article)
        case guidance(Guidance)
    }

    public var key: String
    public var title: String
    public var year: Int
    public var work: Work
    /// The reference's file, as editors name it.
    public var file: String = ""

    public init(key: String, title: String, year: Int, work: Work) {
        self.key = key
        self.title = title
        self.year = year
        self.work = work
    }

    public var article: Article? {
        if case .article(let article) = work { return article }
        return nil
    }

    public var guidance: Guidance? {
        if case .guidance(let guidance) = work { return guidance }
        return nil
    }

    /// Vancouver style, as medical journals cite: `Hofman MS, Violet J, et al. Title. Journal. 2018;19(6):825-833.`;
    /// guidance as `NICE. Title. Technology appraisal guidance TA539. 2018. Scope.`
    public var citation: String {
        let title = self.title.hasSuffix(".") || self.title.hasSuffix("?") ? self.title : self.title + "."
        switch work {
        case .article(let article):
            let names = article.authors.joined(separator: ", ") + (article.etAl ? ", et al." : ".")
            let issuePart = article.issue.map { "(\($0))" } ?? ""
            return "\(names) \(title) \(article.journal). \(year);\(article.volume)\(issuePart):\(article.pages)."
        case .guidance(let guidance):
            let scope = guidance.scope.map { " " + ($0.hasSuffix(".") ? $0 : $0 + ".") } ?? ""
            return "\(guidance.publisher). \(title) \(guidance.series) \(guidance.number). \(year).\(scope)"
        }
    }
}

/// A journal article, found by its DOI and PubMed number.
public struct Article: Sendable {
    public var authors: [String]
    public var etAl: Bool
    public var journal: String
    public var volume: String
    public var issue: String?
    public var pages: String
    public var doi: String
    public var pmid: String

    public init(authors: [String], etAl: Bool, journal: String, volume: String, issue: String?, pages: String, doi: String, pmid: String) {
        self.authors = authors
        self.etAl = etAl
        self.journal = journal
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.doi = doi
        self.pmid = pmid
    }

    public var doiURL: String { "https://doi.org/" + doi }
    public var pubMedURL: String { "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }
}

/// Guidance such as a NICE technology appraisal, found by its publisher's number and address.
public struct Guidance: Sendable {
    public var publisher: String
    /// The kind of guidance, e.g. `Technology appraisal guidance`.
    public var series: String
    public var number: String
    public var url: String
    /// Whom it applies to, in the guidance's words.
    public var scope: String?

    public init(publisher: String, series: String, number: String, url: String, scope: String?) {
        self.publisher = publisher
        self.series = series
        self.number = number
        self.url = url
        self.scope = scope
    }
}
