import Mustache
import SiteModel

// Typed view models for the templates. Each answers the template's lookups
// through `MustacheParent`, which is several times faster than the
// reflection swift-mustache falls back to for plain structs. Each view's
// `Key` lists the names its templates may use (a test holds the templates
// to them, and them to the templates).

/// A view model whose template names are its `Key` cases.
public protocol TemplateView: MustacheParent {
    associatedtype Key: RawRepresentable, CaseIterable where Key.RawValue == String
    func value(_ key: Key) -> Any?
}

extension TemplateView {
    public func child(named name: String) -> Any? {
        guard let key = Key(rawValue: name), let value = value(key) else { return nil }
        // A string goes to the library as `TemplateText`, which it renders at its first check:
        // each protocol it tries on a plain `String` first costs a conformance lookup.
        if let text = value as? String { return TemplateText(text: text) }
        return value
    }
}

/// A string in a template: renders as itself (escaped where the tag escapes),
/// and holds no names, so a lookup inside its section goes straight on up the
/// context (a plain `String` would be read by reflection first).
public struct TemplateText: MustacheCustomRenderable, MustacheParent {
    public let text: String
    public var renderText: String { text }
    public var isNull: Bool { false }
    public func child(named name: String) -> Any? { nil }
}

public final class SiteView: TemplateView {
    public let title: String
    public let provider: String
    public let telephone: String
    public let telephoneHref: String

    public init(title: String, provider: String, telephone: String, telephoneHref: String) {
        self.title = title
        self.provider = provider
        self.telephone = telephone
        self.telephoneHref = telephoneHref
    }

    public enum Key: String, CaseIterable { case title, provider, telephone, telephoneHref }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .title: return title
        case .provider: return provider
        case .telephone: return telephone
        case .telephoneHref: return telephoneHref
        }
    }
}

public final class NavItemView: TemplateView {
    public let title: String
    public let href: String
    public let current: Bool

    public init(title: String, href: String, current: Bool) {
        self.title = title
        self.href = href
        self.current = current
    }

    public enum Key: String, CaseIterable { case title, href, current }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .title: return title
        case .href: return href
        case .current: return current
        }
    }
}

/// The main navigation, for `partials/navigation.mustache`.
public final class NavigationView: TemplateView {
    public let nav: [NavItemView]

    public init(nav: [NavItemView]) {
        self.nav = nav
    }

    public enum Key: String, CaseIterable { case nav }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .nav: return nav
        }
    }
}

public final class ReviewView: TemplateView {
    public let review: Review

    public init(review: Review) {
        self.review = review
    }

    public enum Key: String, CaseIterable { case reviewedISO, reviewedText, nextReviewISO, nextReviewText, reviewedBy }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .reviewedISO: return review.reviewed.iso
        case .reviewedText: return review.reviewed.longForm
        case .nextReviewISO: return review.nextReview.iso
        case .nextReviewText: return review.nextReview.longForm
        case .reviewedBy: return review.reviewedBy
        }
    }
}

public final class ReferenceView: TemplateView {
    public let number: Int
    public let reference: Reference

    public init(number: Int, reference: Reference) {
        self.number = number
        self.reference = reference
    }

    public enum Key: String, CaseIterable { case number, id, backlink, citation, doi, doiURL, pmid, pubMedURL, url, linkText }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .number: return number
        case .id: return "ref-\(number)"
        case .backlink: return "#cite-\(number)"
        case .citation: return reference.citation
        case .doi: return reference.article?.doi
        case .doiURL: return reference.article?.doiURL
        case .pmid: return reference.article?.pmid
        case .pubMedURL: return reference.article?.pubMedURL
        case .url: return reference.guidance?.url
        case .linkText: return reference.guidance.map { "\($0.publisher) \($0.number)" }
        }
    }
}

public final class ServiceView: TemplateView {
    public let service: Service
    public let title: String
    public let href: String

    public init(service: Service, title: String, href: String) {
        self.service = service
        self.title = title
        self.href = href
    }

    public enum Key: String, CaseIterable { case title, shortName, treats, target, availableFrom, href }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .title: return title
        case .shortName: return service.shortName
        case .treats: return service.treats
        case .target: return service.target
        case .availableFrom: return service.availableFrom
        case .href: return href
        }
    }
}

public final class CentreView: TemplateView {
    public let centre: Centre
    public let title: String
    public let href: String
    public let telephoneHref: String
    public let services: [ServiceView]

    public init(centre: Centre, title: String, href: String, telephoneHref: String, services: [ServiceView]) {
        self.centre = centre
        self.title = title
        self.href = href
        self.telephoneHref = telephoneHref
        self.services = services
    }

    /// OpenStreetMap at the centre's approximate position.
    public var mapURL: String {
        let lat = Coordinates.text(centre.coordinates.latitude)
        let lon = Coordinates.text(centre.coordinates.longitude)
        return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=14/\(lat)/\(lon)"
    }

    public enum Key: String, CaseIterable {
        case id, title, href, addressLines, town, postcode, telephone, telephoneHref, mapURL, services, hasServices
    }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .id: return centre.id
        case .title: return title
        case .href: return href
        case .addressLines: return centre.address
        case .town: return centre.town
        case .postcode: return centre.postcode
        case .telephone: return centre.telephone
        case .telephoneHref: return telephoneHref
        case .mapURL: return mapURL
        case .services: return services
        case .hasServices: return !services.isEmpty
        }
    }
}

/// The map of the centres (`partials/centre-map.mustache`), its links made from one page.
public final class MapView: TemplateView {
    let map: CentreMap
    /// The path of the page that shows the map, whose links start there.
    let pagePath: String

    init(map: CentreMap, pagePath: String) {
        self.map = map
        self.pagePath = pagePath
    }

    public enum Key: String, CaseIterable { case viewWidth, viewHeight, projection, landPaths, markers, landmarks }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .viewWidth: return CentreMap.number(map.width)
        case .viewHeight: return CentreMap.number(map.height)
        case .projection: return map.projection.attribute
        case .landPaths: return map.land
        case .markers: return map.markers.map { MapMarkerView(marker: $0, href: SitePaths.relative($0.centre.page.path, from: pagePath)) }
        case .landmarks: return map.landmarks.map(MapLandmarkView.init)
        }
    }
}

/// One centre on the map: a link to its page, named like the list's link.
public final class MapMarkerView: TemplateView {
    let marker: CentreMap.Marker
    public let href: String

    init(marker: CentreMap.Marker, href: String) {
        self.marker = marker
        self.href = href
    }

    public enum Key: String, CaseIterable { case id, href, title, label, x, y, labelX, labelY, labelAnchor }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .id: return marker.centre.centre.id
        case .href: return href
        case .title: return marker.centre.page.title
        case .label: return marker.centre.centre.name
        case .x: return CentreMap.number(marker.point.x)
        case .y: return CentreMap.number(marker.point.y)
        case .labelX: return CentreMap.number(marker.label.x)
        case .labelY: return CentreMap.number(marker.label.y)
        case .labelAnchor: return marker.label.anchor
        }
    }
}

/// A place on the map to find one's way (London), not a link.
public final class MapLandmarkView: TemplateView {
    let landmark: CentreMap.Landmark

    init(landmark: CentreMap.Landmark) {
        self.landmark = landmark
    }

    public enum Key: String, CaseIterable { case label, x, y, labelX, labelY, labelAnchor }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .label: return landmark.name
        case .x: return CentreMap.number(landmark.point.x)
        case .y: return CentreMap.number(landmark.point.y)
        case .labelX: return CentreMap.number(landmark.label.x)
        case .labelY: return CentreMap.number(landmark.label.y)
        case .labelAnchor: return landmark.label.anchor
        }
    }
}

/// Everything one page's templates can show.
public final class PageView: TemplateView {
    public let site: SiteView
    public let title: String
    public let description: String
    public let canonical: String
    /// From this page to the site root, ending in `/`: `./`, `../`, `../../`.
    public let root: String
    public let assets: AssetsView
    /// The navigation's HTML, rendered by its own partial.
    public let navigation: String
    public let review: ReviewView?
    public let content: String
    public let references: [ReferenceView]
    public let service: ServiceView?
    public let centre: CentreView?
    public let listings: Listings
    public let structuredData: String
    /// A draft, shown only by the preview.
    public let draft: Bool
    /// Written for clinicians: labelled so.
    public let professional: Bool

    public init(site: SiteView, title: String, description: String, canonical: String, root: String, assets: AssetsView, navigation: String, review: ReviewView?, content: String, references: [ReferenceView], service: ServiceView?, centre: CentreView?, listings: Listings, structuredData: String, draft: Bool, professional: Bool) {
        self.site = site
        self.title = title
        self.description = description
        self.canonical = canonical
        self.root = root
        self.assets = assets
        self.navigation = navigation
        self.review = review
        self.content = content
        self.references = references
        self.service = service
        self.centre = centre
        self.listings = listings
        self.structuredData = structuredData
        self.draft = draft
        self.professional = professional
    }

    public enum Key: String, CaseIterable {
        case site, title, description, canonical, root, assets, navigation, review, content, references, hasReferences, service, centre
        case services, centres, centreMap, structuredData, draft, professional
    }

    public func value(_ key: Key) -> Any? {
        switch key {
        case .site: return site
        case .title: return title
        case .description: return description
        case .canonical: return canonical
        case .root: return root
        case .assets: return assets
        case .navigation: return navigation
        case .review: return review
        case .content: return content
        case .references: return references
        case .hasReferences: return !references.isEmpty
        case .service: return service
        case .centre: return centre
        case .services: return listings.services()
        case .centres: return listings.centres()
        case .centreMap: return listings.centreMap()
        case .structuredData: return structuredData
        case .draft: return draft
        case .professional: return professional
        }
    }
}

/// The site's services and centres as seen from one page, built only when
/// its template lists them (most pages do not).
public struct Listings {
    public let services: () -> [ServiceView]
    public let centres: () -> [CentreView]
    /// Nil when the site has no centre.
    public let centreMap: () -> MapView?

    public static var none: Listings { Listings(services: { [] }, centres: { [] }, centreMap: { nil }) }
}
