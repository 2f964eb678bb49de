import Foundation
import SiteLoad
import SiteModel

/// Stage 2: checks loaded content against the content model and turns it into
/// a `Site`. Every problem is collected; the site is returned only when there
/// are no errors.
public struct ContentValidator: Sendable {
    /// Overrides `base_url` of `site.yaml` (the `--base-url` option).
    public var baseURL: String?
    /// The review-overdue warning compares with this day.
    public var today: Day?
    /// Whether drafts become pages (the preview) or are left out (a build).
    public var includeDrafts: Bool
    /// An overdue review is an error, not a warning (CI's build).
    public var strict: Bool

    public init(baseURL: String? = nil, today: Day? = nil, includeDrafts: Bool = false, strict: Bool = false) {
        self.baseURL = baseURL
        self.today = today
        self.includeDrafts = includeDrafts
        self.strict = strict
    }

    /// The longest time between two reviews of a medical page.
    public static let maximumReviewYears = 3

    public func validate(_ content: LoadedContent) -> (site: Site?, diagnostics: [Diagnostic]) {
        let result = validate(content, bodyChecks: nil)
        return (result.site, result.diagnostics)
    }

    /// Validates, checking again only the bodies `bodyChecks` does not hold
    /// as passed; also returns the keys of the bodies that pass now.
    public func validate(_ content: LoadedContent, bodyChecks: BodyChecks?)
        -> (site: Site?, diagnostics: [Diagnostic], passed: BodyChecks?) {
        let fields = validateFields(content)
        let bodies = checkBodies(fields, bodyChecks: bodyChecks, keepingLinks: true)
        let diagnostics = (fields.diagnostics + bodies.diagnostics).sortedForDisplay()
        guard let site = fields.site, !diagnostics.hasErrors else { return (nil, diagnostics, nil) }
        return (site.resolving(bodies.links, with: bodies.resolver), diagnostics, bodies.passed)
    }

    /// The fields of every file, and what they make: the site, when they hold
    /// no error, its links resolved as rendering asks for them (any `#fragment`
    /// taken: anchors are known once the bodies are parsed). What the Markdown
    /// bodies hold (links, anchors, citations, raw HTML) is checked by `checkBodies`:
    /// a build does so after its render step, which parses each page once for its
    /// outline and its HTML together.
    public func validateFields(_ content: LoadedContent) -> Fields {
        var diagnostics = content.diagnostics
        let settings = content.siteSettings.flatMap { readSettings($0, into: &diagnostics) }

        var pages: [Page] = []
        // The file of each page by content path: cross-file errors point at a field's line.
        var pageSources: [String: SourceFile] = [:]
        pageSources.reserveCapacity(content.sources.count)
        // Every file of a page kind, valid or not, is a link target: a broken
        // field in one page must not show up as broken links in others.
        var routable: [SourceFile] = []
        var references: [String: Reference] = [:]
        var referenceLines: [String: (String, Int)] = [:]
        // Keys of every reference file, valid or not, for the same reason.
        var citable: Set<String> = []
        var referenceSources: [SourceFile] = []
        // Content paths of drafts: their own problems are warnings, since they are not published.
        var drafts: Set<String> = []
        // Each file's fields are read on its own, over both cores; what they add up to is merged in file order.
        for (source, reading) in zip(content.sources, content.sources.concurrentMap { read($0, settings: settings) }) {
            if reading.isReference {
                referenceSources.append(source)
                citable.insert(source.stem)
            } else {
                routable.append(source)
            }
            if let (reference, keyLine) = reading.reference {
                if let (file, line) = referenceLines[reference.key] {
                    diagnostics.append(.error(source.displayPath, keyLine, .duplicate, "duplicate reference key '\(reference.key)' (also in \(file):\(line))"))
                } else {
                    references[reference.key] = reference
                    referenceLines[reference.key] = (source.displayPath, keyLine)
                }
            }
            if reading.draft { drafts.insert(source.relativePath) }
            if let page = reading.page, !page.draft || includeDrafts {
                pages.append(page)
                pageSources[source.relativePath] = source
            }
            diagnostics += reading.diagnostics
        }
        diagnostics += duplicates(in: pages, pageSources: pageSources)

        let assets = checkFiles(content, verificationFiles: Set(settings?.verificationFiles ?? []), into: &diagnostics)
        let imageSizes = measureImages(assets, content, budgetKB: settings?.imageBudgetKB ?? SiteSettings.defaultImageBudgetKB,
                                       into: &diagnostics)
        // A file that did not load still exists: links and citations to it are not errors of their own.
        let unreadablePages = content.unreadable.filter { !$0.hasPrefix(Self.referencesFolder) }
        diagnostics += aliasClashes(
            in: pages,
            pageFiles: routable.map { ($0.relativePath, $0.displayPath) } + unreadablePages.map { ($0, Self.displayPath(of: $0, content)) },
            assets: Dictionary(uniqueKeysWithValues: assets.keys.map { ($0, Self.displayPath(of: $0, content)) }))
        citable.formUnion(content.unreadable.filter { $0.hasPrefix(Self.referencesFolder) }.map(Self.stem))
        // Every service file names a service, valid or not: one broken service page is one error, not one per centre.
        let serviceIDs = Set(routable.filter { $0.frontMatter["kind"]?.value.scalar?.string == Page.Kind.service.rawValue }.map(\.stem))
        for page in pages {
            if case .centre(let centre) = page.detail {
                for id in centre.services where !serviceIDs.contains(id) {
                    let known = serviceIDs.sorted().joined(separator: ", ")
                    diagnostics.append(.error(page.source.displayPath, pageSources[page.source.relativePath]?.frontMatter["services"]?.line ?? 1, .unknownService, "unknown service '\(id)' (services: \(known))"))
                }
            }
        }
        for source in referenceSources where !source.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.append(.error(source.displayPath, source.bodyLineOffset + 1, .referenceBody, "a reference file has no body text: its fields are all it holds"))
        }

        let pagePaths = Dictionary(routable.map { ($0.relativePath, SitePaths.urlPath(forContentFile: $0.relativePath)) }
                                   + unreadablePages.map { ($0, SitePaths.urlPath(forContentFile: $0)) }, uniquingKeysWith: { first, _ in first })
        var fields = Fields(diagnostics: diagnostics, routable: routable, pagePaths: pagePaths, unreadablePages: unreadablePages,
                            assets: Set(assets.keys), citable: citable, drafts: drafts)
        guard let settings, !diagnostics.hasErrors else { return fields }
        let resolver = LinkResolver(pagePaths: pagePaths, anchors: [:], assets: fields.assets, unknownAnchors: Set(pagePaths.values))
        fields.site = Site(settings: settings, pages: pages, references: references, assets: assets, imageSizes: imageSizes, links: [:],
                           resolver: resolver, draftsLeftOut: includeDrafts ? 0 : drafts.count, filesPassedOver: content.skipped.count)
        return fields
    }

    /// What `validateFields` found, and what the bodies' checks need of it.
    public struct Fields: Sendable {
        public let diagnostics: [Diagnostic]
        /// Nil when the fields hold an error.
        public internal(set) var site: Site?
        /// Every file of a page kind, valid or not, in file order: each is a link target.
        let routable: [SourceFile]
        /// Each such file's URL path by content path, those that did not load among them.
        let pagePaths: [String: String]
        let unreadablePages: [String]
        let assets: Set<String>
        let citable: Set<String>
        let drafts: Set<String>
    }

    /// What the bodies' checks found: their problems and the keys of the
    /// bodies that pass (checking again only those `bodyChecks` does not hold).
    public func checkBodies(_ fields: Fields, bodyChecks: BodyChecks?) -> (diagnostics: [Diagnostic], passed: BodyChecks?) {
        let checked = checkBodies(fields, bodyChecks: bodyChecks, keepingLinks: false)
        return (checked.diagnostics, checked.passed)
    }

    /// `checkBodies`, with each body's links resolved (when `keepingLinks`) and
    /// the resolver that knows every page's anchors, for a site that renders after.
    private func checkBodies(_ fields: Fields, bodyChecks: BodyChecks?, keepingLinks: Bool)
        -> (diagnostics: [Diagnostic], links: [String: [String: LinkResolution]], resolver: LinkResolver, passed: BodyChecks?) {
        let routable = fields.routable
        // Each page's anchors with their hash for the body checks' key, worked out on both cores.
        let pagePaths = fields.pagePaths
        let pageAnchors = routable.concurrentMap { source in
            let ids = Self.anchors(of: source)
            // The URL path `validateFields` worked out for the file.
            return (url: pagePaths[source.relativePath] ?? SitePaths.urlPath(forContentFile: source.relativePath), ids: ids, hash: ids.hash)
        }
        let resolver = LinkResolver(
            pagePaths: pagePaths,
            anchors: Dictionary(pageAnchors.map { ($0.url, $0.ids) }, uniquingKeysWith: { first, _ in first }),
            assets: fields.assets,
            unknownAnchors: Set(fields.unreadablePages.map(SitePaths.urlPath(forContentFile:))))
        // URL paths of the drafts a build leaves out: a published page may not link to them.
        let unpublished = includeDrafts ? [:] : Dictionary(
            routable.filter { fields.drafts.contains($0.relativePath) }.map { (SitePaths.urlPath(forContentFile: $0.relativePath), $0.displayPath) },
            uniquingKeysWith: { first, _ in first })
        let citableKeys = fields.citable
        let targets = bodyChecks.map {
            BodyChecks.targets(salt: $0.salt, anchors: zip(routable, pageAnchors).map { ($0.relativePath, $1.hash) },
                               unreadable: fields.unreadablePages, assets: fields.assets, citable: citableKeys, unpublished: unpublished)
        }
        // Each body's problems, worked out on both cores; its links kept only when asked.
        let bodies = routable.concurrentMap { source -> (key: UInt64?, found: [Diagnostic]?, links: [String: LinkResolution]?) in
            let key = targets.flatMap { BodyChecks.key(of: source, targets: $0) }
            // Passed against the same targets before: nothing it links to or cites changed.
            if let key, bodyChecks?.passed.contains(key) == true { return (key, nil, nil) }
            let (findings, resolutions) = checkBody(source, resolver: resolver, citable: citableKeys)
            let found = fields.drafts.contains(source.relativePath) ? findings.map { $0.asWarning }
                : findings + linksToDrafts(from: source, resolutions: resolutions, unpublished: unpublished)
            return (key, found, keepingLinks ? resolutions : nil)
        }
        var diagnostics: [Diagnostic] = []
        var resolvedLinks: [String: [String: LinkResolution]] = [:]
        var passed = bodyChecks.map { BodyChecks(salt: $0.salt) }
        for (source, (key, found, links)) in zip(routable, bodies) {
            if let key, found?.isEmpty ?? true { passed?.passed.insert(key) }
            diagnostics += found ?? []
            if let links { resolvedLinks[source.relativePath] = links }
        }
        return (diagnostics.sortedForDisplay(), resolvedLinks, resolver, passed)
    }

    /// The site's settings read alone, as `validate` reads them: nil unless
    /// they read with no finding at all. With `page(of:settings:)`, for a build
    /// that changed only the bodies of pages whose fields the last build read (`BodyEdit`).
    public func settings(_ siteSettings: FrontMatter) -> SiteSettings? {
        var diagnostics: [Diagnostic] = []
        guard let settings = readSettings(siteSettings, into: &diagnostics), diagnostics.isEmpty else { return nil }
        return settings
    }

    /// One page file's fields read alone, as `validate` reads each: nil unless
    /// they read with no finding at all and the file is a page this build publishes.
    public func page(of source: SourceFile, settings: SiteSettings) -> Page? {
        let reading = read(source, settings: settings)
        guard reading.diagnostics.isEmpty, let page = reading.page, !page.draft || includeDrafts else { return nil }
        return page
    }

    /// What one file's fields make: a page or a reference, and their problems.
    private struct FileReading {
        var isReference = false
        var reference: (Reference, keyLine: Int)?
        var page: Page?
        var draft = false
        var diagnostics: [Diagnostic] = []
    }

    private func read(_ source: SourceFile, settings: SiteSettings?) -> FileReading {
        var reading = FileReading()
        let reader = FieldReader(source.frontMatter, context: "this file")
        let kindName = reader.string("kind")
        reading.isReference = kindName == Page.Kind.reference.rawValue || kindName == Page.Kind.guidance.rawValue
        guard let kindName else {
            reading.diagnostics = reader.diagnostics
            return reading
        }
        guard let kind = Page.Kind(rawValue: kindName) else {
            let kinds = Page.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            reading.diagnostics = [.error(source.displayPath, reader.line(of: "kind"), .unknownKind, "unknown kind '\(kindName)' (use one of: \(kinds))")]
            return reading
        }
        let kindReader = FieldReader(source.frontMatter, context: "kind '\(kind.rawValue)'")
        _ = kindReader.string("kind")
        switch kind {
        case .reference, .guidance:
            reading.reference = readReference(source, kindReader, kind: kind).map { ($0, kindReader.line(of: "key")) }
        case .page, .service, .centre:
            reading.page = readPage(source, kind: kind, kindReader, settings: settings)
            reading.draft = reading.page?.draft ?? Self.saysDraft(source)
        }
        kindReader.rejectUnknownFields()
        reading.diagnostics = reading.draft ? kindReader.diagnostics.map(\.asWarning) : kindReader.diagnostics
        return reading
    }

    /// Ids a link may name on a page: its headings and what its templates add.
    static func anchors(of source: SourceFile) -> PageAnchors {
        PageAnchors(headingIDs: source.outline.headingIDs, hasReview: source.frontMatter["reviewed"] != nil,
                    hasReferences: !source.outline.citations.isEmpty)
    }

    /// Where reference files live; a reference's key is its file name.
    static let referencesFolder = "references/"

    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// Whether a file says `draft: true`, read even when its other fields fail.
    static func saysDraft(_ source: SourceFile) -> Bool {
        source.frontMatter["draft"]?.value.scalar?.string == "true"
    }

    // MARK: - Cross-file checks

    /// A published page that links to a draft would link to a page the build leaves out.
    private func linksToDrafts(from source: SourceFile, resolutions: [String: LinkResolution], unpublished: [String: String]) -> [Diagnostic] {
        guard !unpublished.isEmpty else { return [] }
        return source.outline.links.compactMap { link in
            guard case .page(let path, _)? = resolutions[link.destination], let draft = unpublished[path] else { return nil }
            return .error(source.displayPath, link.line, .linkToDraft,
                          "link to '\(link.destination)': \(draft) is a draft, which is not published (publish it by deleting its 'draft: true' line, or remove the link)")
        }
    }

    private func duplicates(in pages: [Page], pageSources: [String: SourceFile]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byPath: [String: Page] = [:]
        var byID: [String: Page] = [:]
        for page in pages {
            if let other = byPath[page.path] {
                diagnostics.append(.error(page.source.displayPath, 1, .duplicate, "duplicate output path '\(page.outputFile)' (also made by \(other.source.displayPath))"))
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
                    let idLine = pageSources[page.source.relativePath]?.frontMatter["id"]?.line ?? 1
                    diagnostics.append(.error(page.source.displayPath, idLine, .duplicate, "duplicate \(id) (also in \(other.source.displayPath))"))
                } else {
                    byID[id] = page
                }
            }
        }
        return diagnostics
    }

    private func checkBody(_ source: SourceFile, resolver: LinkResolver, citable: Set<String>)
        -> (diagnostics: [Diagnostic], resolutions: [String: LinkResolution]) {
        var diagnostics: [Diagnostic] = []
        var resolutions: [String: LinkResolution] = [:]
        // Room for every link at once: grown as they came, the table was made anew some four times a page.
        resolutions.reserveCapacity(source.outline.links.count)
        // A destination or key is reported once per file, on its first line: one fault, one error.
        for link in source.outline.links where resolutions[link.destination] == nil {
            let resolution = resolver.resolve(link.destination, from: source.relativePath)
            resolutions[link.destination] = resolution
            if case .problem(let problem) = resolution {
                diagnostics.append(.error(source.displayPath, link.line, problem.reason, (link.isImage ? "image: " : "") + problem.message))
            }
        }
        var reported: Set<String> = []
        for use in source.outline.citations {
            for key in use.keys where !citable.contains(key) && reported.insert(key).inserted {
                let known = citable.sorted().joined(separator: ", ")
                diagnostics.append(.error(source.displayPath, use.line, .unknownCitation, "unknown citation '@\(key)' (references: \(known))"))
            }
        }
        // One search per file; lines are counted only in the rare file that has a placeholder.
        if source.markdown.contains(Placeholder.text) {
            for (index, line) in source.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.range(of: Placeholder.text) != nil {
                diagnostics.append(.error(source.displayPath, source.bodyLineOffset + index + 1, .placeholder,
                                          "the text still holds a '\(Placeholder.text)' placeholder"))
            }
        }
        for line in source.outline.rawHTMLLines {
            diagnostics.append(.error(source.displayPath, line, .rawHTML, "raw HTML is not allowed in content (it would not reach the page): write it in Markdown"))
        }
        for finding in source.outline.findings {
            diagnostics.append(.error(source.displayPath, finding.line, finding.reason, finding.message))
        }
        return (diagnostics, resolutions)
    }
}
