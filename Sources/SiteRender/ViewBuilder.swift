import SiteModel

/// Builds the typed view models of pages from the validated site.
struct ViewBuilder: Sendable {
    let site: Site
    /// Pages of the main navigation, in order; worked out once for all pages.
    let navigationPages: [Page]
    /// The map of the centres, the same on every page that shows it.
    let centreMap: CentreMap?
    /// JSON-LD of each reference, by key, the same on every page that cites it.
    let referenceNodes: [String: String]
    /// Each page's own node of the JSON-LD, written in forms made once for the site.
    let webPageForms: WebPageForms
    /// The published names of the stylesheet and scripts.
    let assets: StaticAssets

    init(site: Site, assets: StaticAssets) {
        self.site = site
        self.assets = assets
        centreMap = CentreMap(centres: site.centres, coastline: try? Coastline.englandAndWales.get())
        referenceNodes = StructuredData.referenceNodes(site)
        webPageForms = WebPageForms(settings: site.settings)
        navigationPages = site.pages
            .compactMap { page in page.nav.map { ($0, page) } }
            .sorted { ($0.0, $0.1.path) < ($1.0, $1.1.path) }
            .map(\.1)
    }

    var siteView: SiteView {
        SiteView(title: site.settings.title, provider: site.settings.provider, telephone: site.settings.telephone,
                 telephoneHref: "tel:" + site.settings.telephoneInternational)
    }

    /// `root`: from the page to the site root (`SitePaths.relative("", from: page.path)`).
    func view(for page: Page, root: String, content: String, references: [Reference], referenceList: String, header: String, footer: String) -> PageView {
        var service: ServiceView?
        var centre: CentreView?
        switch page.detail {
        case .service(let detail): service = serviceView(page, detail, from: page.path)
        case .centre(let detail): centre = centreView(page, detail, from: page.path)
        case .page: break
        }
        return PageView(
            site: siteView,
            title: page.title,
            description: page.metaDescription,
            canonical: site.settings.paths.absoluteURL(page.path),
            root: root,
            assets: AssetsView(root: root, assets: assets),
            header: header, footer: footer,
            review: page.review.map { ReviewView(review: $0) },
            content: content,
            references: ReferenceView.numbered(references),
            referenceList: referenceList,
            service: service,
            centre: centre,
            listings: Listings(services: { site.services.map { serviceView($0.page, $0.service, from: page.path) } },
                               centres: { site.centres.map { centreView($0.page, $0.centre, from: page.path) } },
                               centreMap: { [centreMap] in centreMap.map { MapView(map: $0, pagePath: page.path) } }),
            structuredData: StructuredData.json(for: page, site: site, references: references, referenceNodes: referenceNodes, forms: webPageForms),
            draft: page.draft, professional: page.audience == .professional)
    }

    /// The 404 page: links from the host's root path, since it is served at any URL.
    func notFoundView(header: String, footer: String) -> PageView {
        let root = site.settings.paths.basePath
        let title = "Page not found"
        return PageView(
            site: siteView, title: title,
            description: "The page you asked for is not here. Find information on theranostics or call us.",
            canonical: site.settings.paths.absoluteURL("404.html"), root: root, assets: AssetsView(root: root, assets: assets),
            header: header, footer: footer, review: nil,
            content: "", references: [], referenceList: "", service: nil, centre: nil, listings: .none,
            structuredData: StructuredData.encode(StructuredData.Graph(graph: [])), draft: false, professional: false)
    }

    /// The main navigation, its links starting at `root` (the way from the page to the site root).
    func navigation(root: String, current: String?) -> [NavItemView] {
        navigationPages.map { page in
            NavItemView(title: page.navTitle ?? page.title, href: page.path.isEmpty ? root : root + page.path,
                        current: page.path == current)
        }
    }

    func serviceView(_ page: Page, _ service: Service, from pagePath: String) -> ServiceView {
        ServiceView(service: service, title: page.title, href: SitePaths.relative(page.path, from: pagePath))
    }

    func centreView(_ page: Page, _ centre: Centre, from pagePath: String) -> CentreView {
        let offered = site.services.filter { centre.services.contains($0.service.id) }
        return CentreView(centre: centre, title: page.title, href: SitePaths.relative(page.path, from: pagePath),
                          telephoneHref: "tel:" + Self.international(centre.telephone),
                          services: offered.map { serviceView($0.page, $0.service, from: pagePath) })
    }

    /// `01753 418 444` as `+441753418444`.
    static func international(_ telephone: String) -> String {
        "+44" + telephone.filter(\.isNumber).dropFirst()
    }
}

extension Page {
    /// The description for search results and sharing: the page's own, or
    /// for a centre without one, made from its address.
    var metaDescription: String {
        if let description { return description }
        guard case .centre(let centre) = detail else { return title }
        return "Theranostics at our \(centre.name) centre: " + (centre.address + [centre.town]).joined(separator: ", ") + " \(centre.postcode)."
    }
}
