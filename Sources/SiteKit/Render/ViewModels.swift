import Mustache

// Typed view models for the templates. Each answers the template's lookups
// through `MustacheParent`, which is several times faster than the
// reflection swift-mustache falls back to for plain structs.

public struct SiteView: MustacheParent {
    public var title: String
    public var provider: String
    public var telephone: String
    public var telephoneHref: String
    public var baseURL: String

    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "provider": return provider
        case "telephone": return telephone
        case "telephoneHref": return telephoneHref
        case "baseURL": return baseURL
        default: return nil
        }
    }
}

public struct NavItemView: MustacheParent {
    public var title: String
    public var href: String
    public var current: Bool

    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "current": return current
        default: return nil
        }
    }
}

public struct ReviewView: MustacheParent {
    public var reviewed: Day
    public var nextReview: Day
    public var reviewedBy: String

    public func child(named name: String) -> Any? {
        switch name {
        case "reviewedISO": return reviewed.iso
        case "reviewedText": return reviewed.longForm
        case "nextReviewISO": return nextReview.iso
        case "nextReviewText": return nextReview.longForm
        case "reviewedBy": return reviewedBy
        default: return nil
        }
    }
}

public struct ReferenceView: MustacheParent {
    public var number: Int
    public var reference: Reference

    public func child(named name: String) -> Any? {
        switch name {
        case "number": return number
        case "id": return "ref-\(number)"
        case "backlink": return "#cite-\(number)"
        case "citation": return reference.citation
        case "doi": return reference.doi
        case "doiURL": return reference.doiURL
        case "pmid": return reference.pmid
        case "pubMedURL": return reference.pubMedURL
        default: return nil
        }
    }
}

public struct ServiceView: MustacheParent {
    public var service: Service
    public var title: String
    public var href: String

    public func child(named name: String) -> Any? {
        switch name {
        case "id": return service.id
        case "title": return title
        case "shortName": return service.shortName
        case "treats": return service.treats
        case "target": return service.target
        case "availableFrom": return service.availableFrom
        case "href": return href
        default: return nil
        }
    }
}

public struct CentreView: MustacheParent {
    public var centre: Centre
    public var title: String
    public var href: String
    public var telephoneHref: String
    public var services: [ServiceView]

    /// OpenStreetMap at the centre's approximate position.
    public var mapURL: String {
        let lat = CentreIndex.format(centre.coordinates.latitude)
        let lon = CentreIndex.format(centre.coordinates.longitude)
        return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=14/\(lat)/\(lon)"
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "id": return centre.id
        case "name": return centre.name
        case "title": return title
        case "href": return href
        case "addressLines": return centre.address
        case "town": return centre.town
        case "postcode": return centre.postcode
        case "telephone": return centre.telephone
        case "telephoneHref": return telephoneHref
        case "latitude": return CentreIndex.format(centre.coordinates.latitude)
        case "longitude": return CentreIndex.format(centre.coordinates.longitude)
        case "mapURL": return mapURL
        case "services": return services
        case "hasServices": return !services.isEmpty
        default: return nil
        }
    }
}

/// Everything one page's templates can show.
public struct PageView: MustacheParent {
    public var site: SiteView
    public var title: String
    public var description: String
    public var canonical: String
    /// From this page to the site root, ending in `/`: `./`, `../`, `../../`.
    public var root: String
    public var kind: String
    public var nav: [NavItemView]
    public var review: ReviewView?
    public var content: String
    public var references: [ReferenceView]
    public var service: ServiceView?
    public var centre: CentreView?
    public var listings: Listings
    public var structuredData: String

    public func child(named name: String) -> Any? {
        switch name {
        case "site": return site
        case "title": return title
        case "description": return description
        case "canonical": return canonical
        case "root": return root
        case "kind": return kind
        case "nav": return nav
        case "review": return review
        case "content": return content
        case "references": return references
        case "hasReferences": return !references.isEmpty
        case "service": return service
        case "centre": return centre
        case "services": return listings.services
        case "centres": return listings.centres
        case "centreCount": return listings.centres.count
        case "structuredData": return structuredData
        default: return nil
        }
    }
}

/// The site's services and centres as seen from one page, built only when
/// its template lists them (most pages do not).
public final class Listings {
    private let makeServices: () -> [ServiceView]
    private let makeCentres: () -> [CentreView]
    public private(set) lazy var services = makeServices()
    public private(set) lazy var centres = makeCentres()

    public init(services: @escaping () -> [ServiceView], centres: @escaping () -> [CentreView]) {
        makeServices = services
        makeCentres = centres
    }

    public static let none = Listings(services: { [] }, centres: { [] })
}
