import Mustache
import SiteModel

// Typed view models for the templates. Each answers the template's lookups
// through `MustacheParent` (in a `TemplateBox`), which is several times faster
// than the reflection swift-mustache falls back to for plain structs. Each view's
// `Key` lists the names its templates may use (a test holds the templates
// to them, and them to the templates).

/// A view model whose template names are its `Key` cases; a class, so that
/// a `TemplateBox` holds one reference.
public protocol TemplateView: AnyObject {
    associatedtype Key: RawRepresentable, CaseIterable where Key.RawValue == String
    func value(_ key: Key) -> TemplateValue?
    /// What the template finds under `name`. A requirement, given below, so that
    /// each view's is made for its own `Key`, not one for all run generically.
    func answer(_ name: String) -> TemplateValue?
    /// What asks a view of this class for `name`, the name read once (`TemplateTrace`).
    static func asker(_ name: String) -> TemplateAsker
}

/// A question of `TemplateView.asker`: asks a view of the class that made it; nil of any other.
public typealias TemplateAsker = (any TemplateView) -> TemplateValue?

extension TemplateView {
    public func answer(_ name: String) -> TemplateValue? {
        Key(rawValue: name).flatMap(value)
    }

    public static func asker(_ name: String) -> TemplateAsker {
        guard let key = Key(rawValue: name) else { return { _ in nil } }
        return { view in
            guard type(of: view) == Self.self else { return nil }
            return unsafeDowncast(view, to: Self.self).value(key)
        }
    }

    /// The answer as the library is to see it.
    public func lookup(_ name: String) -> Any? {
        answer(name)?.libraryValue
    }
}

/// What a view answers, typed where it is made: nested views reach the
/// library in one box type (`TemplateBox`) and lists as `[TemplateBox]`,
/// strings and numbers as `TemplateText`. The library tries several
/// protocols on each new type it meets, each first try a search of all the
/// program's conformances: with one type for all views, it searches once,
/// not once a view.
public enum TemplateValue {
    case text(TemplateText)
    case flag(Bool)
    case view(TemplateBox)
    case list([TemplateBox])
    case texts([TemplateText])

    public init(_ text: String) { self = .text(TemplateText(text: text)) }
    public init?(_ text: String?) {
        guard let text else { return nil }
        self.init(text)
    }
    public init(_ flag: Bool) { self = .flag(flag) }
    public init(_ view: some TemplateView) { self = .view(TemplateBox(view)) }
    public init?(_ view: (some TemplateView)?) {
        guard let view else { return nil }
        self.init(view)
    }
    public init(_ views: [some TemplateView]) { self = .list(views.map { TemplateBox($0) }) }
    public init(_ texts: [String]) { self = .texts(texts.map(TemplateText.init)) }

    var libraryValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .view(let view): view
        case .list(let views): views
        case .texts(let texts): texts
        }
    }
}

/// Any view, as the library sees it (see `TemplateValue`). A struct of the
/// view's reference, which an `Any` holds without a copy of the view: the
/// library casts each context it looks a name up in, and the runtime casts
/// this struct in fewer instructions than it did a class (a clean build of
/// 300 pages: 17% fewer in casts, 8% fewer in the templates). It may carry a
/// probe too (`TemplateProbe`), which records what the library asks of the
/// view: one reference more, which an `Any` still holds in place.
public struct TemplateBox: MustacheParent, CustomStringConvertible {
    let view: any TemplateView
    let probe: TemplateProbe.Node?

    public init(_ view: some TemplateView) {
        self.view = view
        probe = nil
    }

    init(_ view: any TemplateView, probe: TemplateProbe.Node?) {
        self.view = view
        self.probe = probe
    }

    public func child(named name: String) -> Any? {
        if let probe { return probe.answer(name, of: view) }
        return view.lookup(name)
    }

    /// What `{{.}}` shows of a view: as before the box had a probe, which it must not show.
    public var description: String { "TemplateBox(view: \(view))" }
}

/// A string in a template: renders as itself (escaped where the tag escapes),
/// and holds no names, so a lookup inside its section goes straight on up the
/// context (a plain `String` would be read by reflection first).
public struct TemplateText: MustacheCustomRenderable, MustacheParent, Sendable {
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .title: return TemplateValue(title)
        case .provider: return TemplateValue(provider)
        case .telephone: return TemplateValue(telephone)
        case .telephoneHref: return TemplateValue(telephoneHref)
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .title: return TemplateValue(title)
        case .href: return TemplateValue(href)
        case .current: return TemplateValue(current)
        }
    }
}

/// The site's header with the main navigation, for `partials/header.mustache`
/// and its `navigation` partial, rendered on its own (`HeaderHTML`).
public final class HeaderView: TemplateView {
    /// From the pages it stands on to the site root.
    public let root: String
    public let site: SiteView
    public let nav: [NavItemView]

    public init(root: String, site: SiteView, nav: [NavItemView]) {
        self.root = root
        self.site = site
        self.nav = nav
    }

    public enum Key: String, CaseIterable { case root, site, nav }

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .root: return TemplateValue(root)
        case .site: return TemplateValue(site)
        case .nav: return TemplateValue(nav)
        }
    }
}

/// The site's footer, for `partials/footer.mustache`, rendered on its own once for the site.
public final class FooterView: TemplateView {
    public let site: SiteView

    public init(site: SiteView) {
        self.site = site
    }

    public enum Key: String, CaseIterable { case site }

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .site: return TemplateValue(site)
        }
    }
}

/// A page's references, for `partials/references.mustache` rendered on its own (`ReferenceListHTML`).
public final class ReferencesView: TemplateView {
    public let references: [ReferenceView]

    public init(references: [ReferenceView]) {
        self.references = references
    }

    public enum Key: String, CaseIterable { case references, hasReferences }

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .references: return TemplateValue(references)
        case .hasReferences: return TemplateValue(!references.isEmpty)
        }
    }
}

public final class ReviewView: TemplateView {
    public let review: Review

    public init(review: Review) {
        self.review = review
    }

    public enum Key: String, CaseIterable { case reviewedISO, reviewedText, nextReviewISO, nextReviewText, reviewedBy }

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .reviewedISO: return TemplateValue(review.reviewed.iso)
        case .reviewedText: return TemplateValue(review.reviewed.longForm)
        case .nextReviewISO: return TemplateValue(review.nextReview.iso)
        case .nextReviewText: return TemplateValue(review.nextReview.longForm)
        case .reviewedBy: return TemplateValue(review.reviewedBy)
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

    /// A page's references numbered in the order it cites them, from 1.
    static func numbered(_ references: [Reference]) -> [ReferenceView] {
        references.enumerated().map { ReferenceView(number: $0.offset + 1, reference: $0.element) }
    }

    public enum Key: String, CaseIterable { case number, id, backlink, citation, doi, doiURL, pmid, pubMedURL, url, linkText }

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        // As text: an `Int` would be one more type whose protocols the library searches for.
        case .number: return TemplateValue(String(number))
        case .id: return TemplateValue("ref-\(number)")
        case .backlink: return TemplateValue("#cite-\(number)")
        case .citation: return TemplateValue(reference.citation)
        case .doi: return TemplateValue(reference.article?.doi)
        case .doiURL: return TemplateValue(reference.article?.doiURL)
        case .pmid: return TemplateValue(reference.article?.pmid)
        case .pubMedURL: return TemplateValue(reference.article?.pubMedURL)
        case .url: return TemplateValue(reference.guidance?.url)
        case .linkText: return TemplateValue(reference.guidance.map { "\($0.publisher) \($0.number)" })
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .title: return TemplateValue(title)
        case .shortName: return TemplateValue(service.shortName)
        case .treats: return TemplateValue(service.treats)
        case .target: return TemplateValue(service.target)
        case .availableFrom: return TemplateValue(service.availableFrom)
        case .href: return TemplateValue(href)
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .id: return TemplateValue(centre.id)
        case .title: return TemplateValue(title)
        case .href: return TemplateValue(href)
        case .addressLines: return TemplateValue(centre.address)
        case .town: return TemplateValue(centre.town)
        case .postcode: return TemplateValue(centre.postcode)
        case .telephone: return TemplateValue(centre.telephone)
        case .telephoneHref: return TemplateValue(telephoneHref)
        case .mapURL: return TemplateValue(mapURL)
        case .services: return TemplateValue(services)
        case .hasServices: return TemplateValue(!services.isEmpty)
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .viewWidth: return TemplateValue(CentreMap.number(map.width))
        case .viewHeight: return TemplateValue(CentreMap.number(map.height))
        case .projection: return TemplateValue(map.projection.attribute)
        case .landPaths: return TemplateValue(map.land)
        case .markers: return TemplateValue(map.markers.map { MapMarkerView(marker: $0, href: SitePaths.relative($0.centre.page.path, from: pagePath)) })
        case .landmarks: return TemplateValue(map.landmarks.map(MapLandmarkView.init))
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .id: return TemplateValue(marker.centre.centre.id)
        case .href: return TemplateValue(href)
        case .title: return TemplateValue(marker.centre.page.title)
        case .label: return TemplateValue(marker.centre.centre.name)
        case .x: return TemplateValue(CentreMap.number(marker.point.x))
        case .y: return TemplateValue(CentreMap.number(marker.point.y))
        case .labelX: return TemplateValue(CentreMap.number(marker.label.x))
        case .labelY: return TemplateValue(CentreMap.number(marker.label.y))
        case .labelAnchor: return TemplateValue(marker.label.anchor)
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

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .label: return TemplateValue(landmark.name)
        case .x: return TemplateValue(CentreMap.number(landmark.point.x))
        case .y: return TemplateValue(CentreMap.number(landmark.point.y))
        case .labelX: return TemplateValue(CentreMap.number(landmark.label.x))
        case .labelY: return TemplateValue(CentreMap.number(landmark.label.y))
        case .labelAnchor: return TemplateValue(landmark.label.anchor)
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
    /// The header's and the footer's HTML, each rendered by its own partial.
    public let header: String
    public let footer: String
    public let review: ReviewView?
    public let content: String
    public let references: [ReferenceView]
    /// The reference list's HTML, rendered by its own partial; `""` for none.
    public let referenceList: String
    public let service: ServiceView?
    public let centre: CentreView?
    public let listings: Listings
    public let structuredData: String
    /// A draft, shown only by the preview.
    public let draft: Bool
    /// Written for clinicians: labelled so.
    public let professional: Bool

    public init(site: SiteView, title: String, description: String, canonical: String, root: String, assets: AssetsView, header: String, footer: String, review: ReviewView?, content: String, references: [ReferenceView], referenceList: String, service: ServiceView?, centre: CentreView?, listings: Listings, structuredData: String, draft: Bool, professional: Bool) {
        self.site = site
        self.title = title
        self.description = description
        self.canonical = canonical
        self.root = root
        self.assets = assets
        self.header = header
        self.footer = footer
        self.review = review
        self.content = content
        self.references = references
        self.referenceList = referenceList
        self.service = service
        self.centre = centre
        self.listings = listings
        self.structuredData = structuredData
        self.draft = draft
        self.professional = professional
    }

    public enum Key: String, CaseIterable {
        case site, title, description, canonical, root, assets, header, footer, review, content, references, hasReferences, referenceList
        case service, centre
        case services, centres, centreMap, structuredData, draft, professional
    }

    public func value(_ key: Key) -> TemplateValue? {
        switch key {
        case .site: return TemplateValue(site)
        case .title: return TemplateValue(title)
        case .description: return TemplateValue(description)
        case .canonical: return TemplateValue(canonical)
        case .root: return TemplateValue(root)
        case .assets: return TemplateValue(assets)
        case .header: return TemplateValue(header)
        case .footer: return TemplateValue(footer)
        case .review: return TemplateValue(review)
        case .content: return TemplateValue(content)
        case .references: return TemplateValue(references)
        case .hasReferences: return TemplateValue(!references.isEmpty)
        case .referenceList: return TemplateValue(referenceList)
        case .service: return TemplateValue(service)
        case .centre: return TemplateValue(centre)
        case .services: return TemplateValue(listings.services())
        case .centres: return TemplateValue(listings.centres())
        case .centreMap: return TemplateValue(listings.centreMap())
        case .structuredData: return TemplateValue(structuredData)
        case .draft: return TemplateValue(draft)
        case .professional: return TemplateValue(professional)
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
