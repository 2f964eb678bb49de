import Foundation

/// Stage 2: checks loaded content against the content model and turns it into
/// a `Site`. Every problem is collected; the site is returned only when there
/// are no errors.
public struct ContentValidator {
    /// Overrides `base_url` of `site.yaml` (the `--base-url` option).
    public var baseURL: String?
    /// The review-overdue warning compares with this day.
    public var today: Day?

    public init(baseURL: String? = nil, today: Day? = nil) {
        self.baseURL = baseURL
        self.today = today
    }

    /// The longest time between two reviews of a medical page.
    public static let maximumReviewYears = 3

    public func validate(_ content: LoadedContent) -> (site: Site?, diagnostics: [Diagnostic]) {
        var diagnostics = content.diagnostics
        let settings = content.siteSettings.flatMap { readSettings($0, into: &diagnostics) }

        var pages: [Page] = []
        // Every file of a page kind, valid or not, is a link target: a broken
        // field in one page must not show up as broken links in others.
        var routable: [SourceFile] = []
        var references: [String: Reference] = [:]
        var referenceLines: [String: (String, Int)] = [:]
        // Keys of every reference file, valid or not, for the same reason.
        var citable: Set<String> = []
        var referenceSources: [SourceFile] = []
        for source in content.sources {
            let reader = FieldReader(source.frontMatter, context: "this file")
            let kindName = reader.string("kind")
            if kindName == Page.Kind.reference.rawValue {
                referenceSources.append(source)
                if let key = source.frontMatter["key"]?.value.scalar?.string { citable.insert(key) }
            } else {
                routable.append(source)
            }
            guard let kindName else {
                diagnostics += reader.diagnostics
                continue
            }
            guard let kind = Page.Kind(rawValue: kindName) else {
                let kinds = Page.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(.error(source.displayPath, reader.line(of: "kind"), "unknown kind '\(kindName)' (use one of: \(kinds))"))
                continue
            }
            let kindReader = FieldReader(source.frontMatter, context: "kind '\(kind.rawValue)'")
            _ = kindReader.string("kind")
            switch kind {
            case .reference:
                if let reference = readReference(source, kindReader) {
                    if let (file, line) = referenceLines[reference.key] {
                        diagnostics.append(.error(source.displayPath, kindReader.line(of: "key"), "duplicate reference key '\(reference.key)' (also in \(file):\(line))"))
                    } else {
                        references[reference.key] = reference
                        referenceLines[reference.key] = (source.displayPath, kindReader.line(of: "key"))
                    }
                }
            case .page, .service, .centre:
                if let page = readPage(source, kind: kind, kindReader, settings: settings) { pages.append(page) }
            }
            kindReader.rejectUnknownFields()
            diagnostics += kindReader.diagnostics
        }
        diagnostics += duplicates(in: pages)

        let resolver = LinkResolver(
            pagePaths: Dictionary(routable.map { ($0.relativePath, Page.path(forContentFile: $0.relativePath)) }, uniquingKeysWith: { first, _ in first }),
            anchors: Dictionary(routable.map { (Page.path(forContentFile: $0.relativePath), Self.anchors(of: $0.outline)) }, uniquingKeysWith: { first, _ in first }),
            assets: Set(content.assets.keys))
        let serviceIDs = Set(pages.compactMap { page -> String? in
            if case .service(let service) = page.detail { return service.id }
            return nil
        })
        for source in routable {
            diagnostics += checkBody(source, resolver: resolver, citable: citable)
        }
        for page in pages {
            if case .centre(let centre) = page.detail {
                for id in centre.services where !serviceIDs.contains(id) {
                    let known = serviceIDs.sorted().joined(separator: ", ")
                    diagnostics.append(.error(page.source.displayPath, page.source.frontMatter["services"]?.line ?? 1, "unknown service '\(id)' (services: \(known))"))
                }
            }
        }
        for source in referenceSources where !source.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.append(.error(source.displayPath, source.document.lineOffset + 1, "a reference file has no body text: its fields are all it holds"))
        }

        guard let settings, !diagnostics.hasErrors else { return (nil, diagnostics.sortedForDisplay()) }
        let site = Site(settings: settings, pages: pages, references: references, assets: content.assets, links: resolver)
        return (site, diagnostics.sortedForDisplay())
    }

    /// Ids a link may name on a page: its headings and what the templates add.
    static func anchors(of outline: MarkdownOutline) -> Set<String> {
        var ids = Set(outline.headingIDs)
        ids.insert("main")
        if !outline.citations.isEmpty { ids.insert("references") }
        return ids
    }

    // MARK: - Settings

    private func readSettings(_ frontMatter: FrontMatter, into diagnostics: inout [Diagnostic]) -> SiteSettings? {
        let reader = FieldReader(frontMatter, context: "site settings")
        let title = reader.string("title")
        let provider = reader.string("provider")
        var base = reader.string("base_url")
        let telephone = reader.string("telephone")
        let international = reader.string("telephone_international")
        let skip = reader.stringList("external_link_skip", required: false, allowEmpty: true) ?? []
        if let override = baseURL { base = override }
        if let url = base {
            if let components = URLComponents(string: url), ["http", "https"].contains(components.scheme ?? ""), components.host?.isEmpty == false {
                if !url.hasSuffix("/") { base = url + "/" }
            } else {
                let message = "base URL '\(url)' must be an absolute http(s) URL such as https://www.example.org/theranostics/"
                diagnostics.append(.error(reader.file, baseURL == nil ? reader.line(of: "base_url") : 1, message))
                base = nil
            }
        }
        if let telephone, !Self.isUKTelephone(telephone) {
            reader.error("telephone", "telephone '\(telephone)' is not a UK number such as 01753 418 444")
        }
        if let international, international.range(of: #"^\+44[1-9][0-9]{8,9}$"#, options: .regularExpression) == nil {
            reader.error("telephone_international", "telephone_international '\(international)' must be the number in +44 form without spaces, such as +441753418444")
        }
        reader.rejectUnknownFields()
        diagnostics += reader.diagnostics
        guard let title, let provider, let base, let telephone, let international, !reader.diagnostics.hasErrors else { return nil }
        return SiteSettings(title: title, provider: provider, baseURL: base, telephone: telephone, telephoneInternational: international,
                            externalLinkSkip: skip)
    }

    // MARK: - Pages

    private func readPage(_ source: SourceFile, kind: Page.Kind, _ reader: FieldReader, settings: SiteSettings?) -> Page? {
        let detail: Page.Detail?
        var title: String?
        var description: String?
        var review: Review?
        switch kind {
        case .centre:
            let centre = readCentre(source, reader)
            detail = centre.map { .centre($0) }
            title = centre.map { "\(settings?.provider ?? "") \($0.name)".trimmingCharacters(in: .whitespaces) }
            description = reader.string("description", required: false) ?? centre.map(Self.describe)
        case .service:
            title = reader.string("title")
            description = reader.string("description")
            review = readReview(reader)
            detail = readService(source, reader).map { .service($0) }
        default:
            title = reader.string("title")
            description = reader.string("description")
            review = readReview(reader)
            detail = .page
        }
        let nav = reader.int("nav", required: false, in: 1...99)
        let navTitle = reader.string("nav_title", required: false)
        let template = reader.string("template", required: false) ?? kind.rawValue
        if template.contains("/") || template.contains("..") {
            reader.error("template", "template '\(template)' must be a name in templates/, such as 'page'")
        }
        guard let title, let description, let detail, kind == .centre || review != nil else { return nil }
        return Page(source: source, title: title, description: description, path: Page.path(forContentFile: source.relativePath),
                    template: template, nav: nav, navTitle: navTitle, review: review, detail: detail)
    }

    private func readReview(_ reader: FieldReader) -> Review? {
        let reviewed = reader.day("reviewed")
        let next = reader.day("next_review")
        let by = reader.string("reviewed_by")
        guard let reviewed, let next, let by else { return nil }
        if next <= reviewed {
            reader.error("next_review", "next_review (\(next)) must come after reviewed (\(reviewed))")
            return nil
        }
        let latest = reviewed.adding(years: Self.maximumReviewYears)
        if next > latest {
            reader.error("next_review", "next_review (\(next)) is more than \(Self.maximumReviewYears) years after reviewed (\(reviewed)); the latest allowed is \(latest)")
            return nil
        }
        if let today, next < today {
            reader.warn("next_review", "review overdue since \(next): review the page and update reviewed and next_review")
        }
        return Review(reviewed: reviewed, nextReview: next, reviewedBy: by)
    }

    private func readService(_ source: SourceFile, _ reader: FieldReader) -> Service? {
        let id = reader.string("id")
        let shortName = reader.string("short_name")
        let treats = reader.string("treats")
        let target = reader.string("target")
        let availableFrom = reader.string("available_from", required: false)
        if let id, id != source.stem {
            reader.error("id", "id '\(id)' must equal the file name '\(source.stem)'")
        }
        guard let id, let shortName, let treats, let target else { return nil }
        return Service(id: id, shortName: shortName, treats: treats, target: target, availableFrom: availableFrom)
    }

    private func readCentre(_ source: SourceFile, _ reader: FieldReader) -> Centre? {
        let id = reader.string("id")
        let name = reader.string("name")
        let address = reader.stringList("address")
        let town = reader.string("town")
        let postcode = reader.string("postcode")
        let telephone = reader.string("telephone")
        let services = reader.stringList("services", allowEmpty: true)
        var coordinates: Coordinates?
        if let group = reader.group("coordinates") {
            let latitude = group.double("latitude", in: 49.8...60.9)
            let longitude = group.double("longitude", in: -8.7...1.8)
            let approximate = group.bool("approximate")
            if approximate == false {
                group.error("approximate", "centre coordinates are approximate (town level): approximate must be true")
            }
            reader.absorb(group)
            if let latitude, let longitude, let approximate { coordinates = Coordinates(latitude: latitude, longitude: longitude, approximate: approximate) }
        }
        if let id, id != source.stem {
            reader.error("id", "id '\(id)' must equal the file name '\(source.stem)'")
        }
        if let postcode, !Self.isUKPostcode(postcode) {
            reader.error("postcode", "postcode '\(postcode)' is not a UK postcode written like 'OX4 6LB' (capitals, one space)")
        }
        if let telephone, !Self.isUKTelephone(telephone) {
            reader.error("telephone", "telephone '\(telephone)' is not a UK number such as 01753 418 444")
        }
        guard let id, let name, let address, let town, let postcode, let telephone, let coordinates, let services else { return nil }
        return Centre(id: id, name: name, address: address, town: town, postcode: postcode, telephone: telephone,
                      coordinates: coordinates, services: services)
    }

    private func readReference(_ source: SourceFile, _ reader: FieldReader) -> Reference? {
        let key = reader.string("key")
        let authors = reader.stringList("authors")
        let etAl = reader.bool("et_al", required: false) ?? false
        let title = reader.string("title")
        let journal = reader.string("journal")
        let year = reader.int("year", in: 1900...2100)
        let volume = reader.string("volume")
        let issue = reader.string("issue", required: false)
        let pages = reader.string("pages")
        let doi = reader.string("doi")
        let pmid = reader.string("pmid")
        if let key, !Citation.isKey(key) {
            reader.error("key", "key '\(key)' may hold only letters, digits, '-' and '_'")
        }
        if let doi, doi.range(of: #"^10\.[0-9]{4,9}/\S+$"#, options: .regularExpression) == nil {
            reader.error("doi", "doi '\(doi)' is not a DOI such as 10.1056/NEJMoa1607427 (write it without https://doi.org/)")
        }
        if let pmid, pmid.range(of: #"^[1-9][0-9]{0,8}$"#, options: .regularExpression) == nil {
            reader.error("pmid", "pmid '\(pmid)' must be the PubMed number, digits only")
        }
        guard let key, let authors, let title, let journal, let year, let volume, let pages, let doi, let pmid, !reader.diagnostics.hasErrors else { return nil }
        return Reference(key: key, authors: authors, etAl: etAl, title: title, journal: journal, year: year, volume: volume,
                         issue: issue, pages: pages, doi: doi, pmid: pmid, source: source.displayPath)
    }

    // MARK: - Cross-file checks

    private func duplicates(in pages: [Page]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byPath: [String: Page] = [:]
        var byID: [String: Page] = [:]
        for page in pages {
            if let other = byPath[page.path] {
                diagnostics.append(.error(page.source.displayPath, 1, "duplicate output path '\(page.outputFile)' (also made by \(other.source.displayPath))"))
            } else {
                byPath[page.path] = page
            }
            let id: String?
            switch page.detail {
            case .service(let service): id = "service " + service.id
            case .centre(let centre): id = "centre " + centre.id
            case .page: id = nil
            }
            if let id {
                if let other = byID[id] {
                    diagnostics.append(.error(page.source.displayPath, page.source.frontMatter["id"]?.line ?? 1, "duplicate \(id) (also in \(other.source.displayPath))"))
                } else {
                    byID[id] = page
                }
            }
        }
        return diagnostics
    }

    private func checkBody(_ source: SourceFile, resolver: LinkResolver, citable: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for link in source.outline.links {
            if case .problem(let message) = resolver.resolve(link.destination, from: source.relativePath) {
                diagnostics.append(.error(source.displayPath, link.line, (link.isImage ? "image: " : "") + message))
            }
        }
        for use in source.outline.citations {
            for key in use.keys where !citable.contains(key) {
                let known = citable.sorted().joined(separator: ", ")
                diagnostics.append(.error(source.displayPath, use.line, "unknown citation '@\(key)' (references: \(known))"))
            }
        }
        // One search per file; lines are counted only in the rare file that has a placeholder.
        if source.body.range(of: ContentScaffold.placeholder) != nil {
            for (index, line) in source.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.range(of: ContentScaffold.placeholder) != nil {
                diagnostics.append(.error(source.displayPath, source.document.lineOffset + index + 1, "the text still holds a '\(ContentScaffold.placeholder)' placeholder"))
            }
        }
        for line in source.outline.rawHTMLLines {
            diagnostics.append(.error(source.displayPath, line, "raw HTML is not allowed in content (it would not reach the page): write it in Markdown"))
        }
        return diagnostics
    }

    // MARK: - Formats

    /// UK postcodes as Royal Mail writes them: outward code, one space, inward code.
    static func isUKPostcode(_ text: String) -> Bool {
        text.range(of: #"^([A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$"#,
                   options: .regularExpression) != nil
    }

    /// Eleven digits starting with 0; spaces between groups are allowed.
    static func isUKTelephone(_ text: String) -> Bool {
        text.range(of: #"^0[0-9 ]+$"#, options: .regularExpression) != nil && text.filter(\.isNumber).count == 11
    }

    static func describe(_ centre: Centre) -> String {
        "Theranostics at our \(centre.name) centre: " + (centre.address + [centre.town]).joined(separator: ", ") + " \(centre.postcode)."
    }
}
