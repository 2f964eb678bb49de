import Foundation

/// Site-wide settings from `content/site.yaml`.
public struct SiteSettings: Sendable {
    public var title: String
    public var provider: String
    /// Where the site lives: canonical URLs, the sitemap and the centre index use it.
    public var paths: SitePaths
    public var telephone: String
    /// E.164 form for `tel:` links, e.g. `+441753418444`.
    public var telephoneInternational: String
    /// URL prefixes `site check --external` never requests.
    public var externalLinkSkip: [String]
    /// Site-ownership files a search console asks for, published as they are (content paths).
    public var verificationFiles: [String]
    /// A review due within this many days is a warning.
    public var reviewWarningDays: Int
    public var editorial = EditorialSettings()
    public static let defaultReviewWarningDays = 60
    /// An image file larger than this many kilobytes gives a warning (`image_budget_kb`).
    public var imageBudgetKB: Int

    /// The image budget when `site.yaml` sets none: a photograph for the web fits in it.
    public static let defaultImageBudgetKB = 300

    public init(title: String, provider: String, paths: SitePaths, telephone: String, telephoneInternational: String,
                externalLinkSkip: [String] = [], verificationFiles: [String] = [], reviewWarningDays: Int = defaultReviewWarningDays,
                imageBudgetKB: Int = defaultImageBudgetKB) {
        self.title = title
        self.provider = provider
        self.paths = paths
        self.telephone = telephone
        self.telephoneInternational = telephoneInternational
        self.externalLinkSkip = externalLinkSkip
        self.verificationFiles = verificationFiles
        self.reviewWarningDays = reviewWarningDays
        self.imageBudgetKB = imageBudgetKB
    }
}

/// The content file a page was made from, as far as later stages need it.
public struct PageSource: Sendable {
    /// Path as shown to editors, e.g. `content/services/lutetium-psma.md`.
    public let displayPath: String
    /// Path inside the content folder, e.g. `services/lutetium-psma.md`.
    public let relativePath: String
    /// The Markdown body, after the front matter.
    public let markdown: MarkdownBody
    /// How many file lines stand before the body.
    public let bodyLineOffset: Int
    /// The body's outline: known from the last build, or made at the first question (see `BodyOutline`).
    public let bodyOutline: BodyOutline

    public var body: String { markdown.string }

    /// The body's outline, made now if not known.
    public var outline: MarkdownOutline { bodyOutline.outline }

    public init(displayPath: String, relativePath: String, markdown: MarkdownBody, bodyLineOffset: Int, outline: BodyOutline) {
        self.displayPath = displayPath
        self.relativePath = relativePath
        self.markdown = markdown
        self.bodyLineOffset = bodyLineOffset
        bodyOutline = outline
    }
}

/// A page of the site: a Markdown file that becomes `path/index.html`.
/// A class, never changed once made: a site holds thousands, which each
/// step loops over and passes on, and a struct of this many fields is
/// retained field by field at every copy.
public final class Page: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case page, service, centre, reference, guidance
    }

    public enum Detail: Sendable {
        case page
        case service(Service)
        case centre(Centre)
    }

    public let source: PageSource
    public let title: String
    /// For search results and sharing; nil where the page's facts make one (centres).
    public let description: String?
    /// The clean URL path below the site root: `""` for home, `services/lutetium-psma/`.
    public let path: String
    public let template: TemplateName
    /// The line that names the template (or the front matter's first), for template errors.
    public let templateLine: Int
    public let nav: Int?
    public let navTitle: String?
    public let review: Review?
    public let detail: Detail
    /// Not published: left out of a build, shown with a banner in the preview.
    public let draft: Bool
    /// Reached only from outside the site (a campaign page): not in the
    /// navigation, in the sitemap, and no orphan.
    public let unlisted: Bool
    public let audience: Audience
    /// Editorial findings the page allows on purpose, each with the reason given.
    public let allowed: [EditorialRule: String]
    /// Old addresses of the page (`aliases:`), each of which gets a page that redirects here.
    public let aliases: [Alias]

    /// An old address of a page: a URL path below the site root
    /// (`old-funding/`, `news/funding.html`) and the line that gives it.
    public struct Alias: Equatable, Sendable {
        public var path: String
        public var line: Int

        public init(path: String, line: Int) {
            self.path = path
            self.line = line
        }

        /// The file the redirect page is written to.
        public var outputFile: String { SitePaths.servedFile(for: path) }
    }

    public init(source: PageSource, title: String, description: String?, template: TemplateName, templateLine: Int,
                nav: Int?, navTitle: String?, review: Review?, detail: Detail, draft: Bool = false, unlisted: Bool = false,
                aliases: [Alias] = [], audience: Audience = .patients, allowed: [EditorialRule: String] = [:]) {
        self.source = source
        self.title = title
        self.description = description
        self.path = SitePaths.urlPath(forContentFile: source.relativePath)
        outputFile = SitePaths.servedFile(for: path)
        self.template = template
        self.templateLine = templateLine
        self.nav = nav
        self.navTitle = navTitle
        self.review = review
        self.detail = detail
        self.draft = draft
        self.unlisted = unlisted
        self.aliases = aliases
        self.audience = audience
        self.allowed = allowed
    }

    /// The file the page is written to; made once, since each step looks pages up by it.
    public let outputFile: String

    public var kind: Kind {
        switch detail {
        case .page: return .page
        case .service: return .service
        case .centre: return .centre
        }
    }
}

/// The validated site: what rendering needs, and nothing it has to check
/// again. Immutable: rendering reads it and makes its own copies.
public struct Site: Sendable {
    public let settings: SiteSettings
    /// In content path order; services and centres among them.
    public let pages: [Page]
    public let references: [String: Reference]
    /// Files copied as they are, by content path.
    public let assets: [String: URL]
    /// Width and height of the image files among the assets, by content path.
    public let imageSizes: [String: ImageSize]
    /// What each link of each page resolved to when its body was checked
    /// (`ContentValidator.validate`), by content path and destination as
    /// written. A page not here is resolved by `resolver` when asked: a
    /// build's site has none, since it checks the bodies after rendering,
    /// and its resolver takes any fragment.
    public private(set) var links: [String: [String: LinkResolution]]
    /// Resolves the links of the pages not in `links`.
    public private(set) var resolver: LinkResolver?
    /// How many drafts the build left out.
    public let draftsLeftOut: Int
    /// How many dot-files and editor leftovers the build passed over.
    public let filesPassedOver: Int

    /// The service and centre pages, picked out once: every page's view lists them.
    public let services: [ServicePage]
    public let centres: [CentrePage]

    public struct ServicePage: Sendable {
        public let page: Page
        public let service: Service
    }

    public struct CentrePage: Sendable {
        public let page: Page
        public let centre: Centre
    }

    public init(settings: SiteSettings, pages: [Page], references: [String: Reference], assets: [String: URL],
                imageSizes: [String: ImageSize] = [:], links: [String: [String: LinkResolution]], resolver: LinkResolver? = nil,
                draftsLeftOut: Int = 0, filesPassedOver: Int = 0) {
        self.settings = settings
        self.pages = pages
        self.references = references
        self.assets = assets
        self.imageSizes = imageSizes
        self.links = links
        self.resolver = resolver
        self.draftsLeftOut = draftsLeftOut
        self.filesPassedOver = filesPassedOver
        services = pages.compactMap { page in
            if case .service(let service) = page.detail { return ServicePage(page: page, service: service) }
            return nil
        }
        centres = pages.compactMap { page in
            if case .centre(let centre) = page.detail { return CentrePage(page: page, centre: centre) }
            return nil
        }
    }

    /// This site with its pages' links as the bodies' checks resolved them.
    public func resolving(_ links: [String: [String: LinkResolution]], with resolver: LinkResolver) -> Site {
        var site = self
        (site.links, site.resolver) = (links, resolver)
        return site
    }

    /// The width and height of the image a page's content file names, when it is a file of the site.
    public func imageSize(of destination: String, on page: Page) -> ImageSize? {
        imageSize(resolution(of: destination, on: page))
    }

    /// The width and height of the image a link resolved to, when it is a file of the site.
    public func imageSize(_ resolution: LinkResolution?) -> ImageSize? {
        guard case .asset(let path)? = resolution else { return nil }
        return imageSizes[path]
    }

    /// The href a link written in a page's content file gets on that page.
    public func href(of destination: String, on page: Page) -> String {
        href(resolution(of: destination, on: page), on: page)
    }

    /// The href a link resolved to gets on `page`.
    public func href(_ resolution: LinkResolution?, on page: Page) -> String {
        (resolution ?? .problem(.empty)).href(fromPage: page.path)
    }

    /// What a link written in a page's content file points to.
    public func resolution(of destination: String, on page: Page) -> LinkResolution? {
        if let resolutions = links[page.source.relativePath] { return resolutions[destination] }
        return resolver?.resolve(destination, from: page.source.relativePath)
    }
}
