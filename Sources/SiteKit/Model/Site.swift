import Foundation

/// Site-wide settings from `content/site.yaml`.
public struct SiteSettings: Sendable {
    public var title: String
    public var provider: String
    /// Absolute, ending in `/`; canonical URLs, the sitemap and the centre index use it.
    public var baseURL: String
    public var telephone: String
    /// E.164 form for `tel:` links, e.g. `+441753418444`.
    public var telephoneInternational: String
    /// URL prefixes `site check --external` never requests.
    public var externalLinkSkip: [String] = []

    /// The path part of the base URL (`/uk/theranostics/`): where the site
    /// root sits on the web host, for pages such as 404 served from any depth.
    public var basePath: String {
        URLComponents(string: baseURL)?.path.nonEmpty ?? "/"
    }
}

/// Who checked a medical page and when; shown on the page as the NHS
/// information standard asks.
public struct Review: Sendable {
    public var reviewed: Day
    public var nextReview: Day
    public var reviewedBy: String
}

public struct Service: Sendable {
    public var id: String
    public var shortName: String
    public var treats: String
    public var target: String
    public var availableFrom: String?
}

public struct Coordinates: Sendable {
    public var latitude: Double
    public var longitude: Double
    public var approximate: Bool
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
    public var source: String

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

/// A page of the site: a Markdown file that becomes `path/index.html`.
public struct Page {
    public enum Kind: String, Sendable, CaseIterable {
        case page, service, centre, reference
    }

    public enum Detail {
        case page
        case service(Service)
        case centre(Centre)
    }

    public var source: SourceFile
    public var title: String
    public var description: String
    /// The clean URL path below the site root: `""` for home, `services/lutetium-psma/`.
    public var path: String
    public var template: String
    public var nav: Int?
    public var navTitle: String?
    public var review: Review?
    public var detail: Detail

    public var outputFile: String { path + "index.html" }

    public var kind: Kind {
        switch detail {
        case .page: return .page
        case .service: return .service
        case .centre: return .centre
        }
    }

    /// The URL path a content file gets: `index.md` is the folder itself.
    public static func path(forContentFile relativePath: String) -> String {
        let withoutExtension = relativePath.hasSuffix(".md") ? String(relativePath.dropLast(3)) : relativePath
        if withoutExtension == "index" { return "" }
        if withoutExtension.hasSuffix("/index") { return String(withoutExtension.dropLast("index".count)) }
        return withoutExtension + "/"
    }
}

/// The validated site: what rendering needs, and nothing it has to check again.
public struct Site {
    public var settings: SiteSettings
    /// In content path order; services and centres among them.
    public var pages: [Page]
    public var references: [String: Reference]
    /// Content paths of files copied as they are.
    public var assets: [String: URL]
    public var links: LinkResolver
    /// What each link of each content file resolved to in validation, by
    /// content path and destination as written, so rendering does not resolve again.
    public var resolvedLinks: [String: [String: LinkResolver.Resolution]] = [:]

    /// Where a link written in a content file points.
    public func resolution(of destination: String, in source: SourceFile) -> LinkResolver.Resolution {
        resolvedLinks[source.relativePath]?[destination] ?? links.resolve(destination, from: source.relativePath)
    }

    /// The service and centre pages, picked out once: every page's view lists them.
    public let services: [(page: Page, service: Service)]
    public let centres: [(page: Page, centre: Centre)]

    public init(settings: SiteSettings, pages: [Page], references: [String: Reference], assets: [String: URL], links: LinkResolver) {
        self.settings = settings
        self.pages = pages
        self.references = references
        self.assets = assets
        self.links = links
        services = pages.compactMap { page in
            if case .service(let service) = page.detail { return (page, service) }
            return nil
        }
        centres = pages.compactMap { page in
            if case .centre(let centre) = page.detail { return (page, centre) }
            return nil
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
