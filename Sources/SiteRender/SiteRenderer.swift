import Foundation
import SiteMarkdown
import SiteModel

/// Stage 3: turns the validated site into the files of `public/`, each
/// handed to a sink (the build's staging folder) as soon as it is made.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let templates: TemplateSet

    public init(site: Site, templates: TemplateSet) {
        self.site = site
        self.templates = templates
    }

    /// What rendering needs before its first page: the files that are not
    /// pages, made already (small: the 404 page, `centres.json`, redirects,
    /// sitemap, robots, the static files and content assets), and the path
    /// of every file of the site, so that its folders are made and two
    /// sources of one file are found before anything is written.
    public struct Plan: Sendable {
        let views: ViewBuilder
        let header: HeaderHTML
        /// The same on every page: rendered once.
        let footer: String
        let referenceLists: ReferenceListHTML
        /// The site's files that are not pages; an incremental build takes those unchanged from the last build.
        public var others: [OutputFile]
        public let paths: [String]
    }

    /// The plan, or the problems that leave nothing to render.
    public func plan() -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var diagnostics = missingTemplates()
        if case .failure(let problem) = Coastline.englandAndWales {
            diagnostics.append(.error(Coastline.resourceName + ".json", 1, .renderFailed, "the centre map's coastline cannot be read: \(problem.message)"))
        }
        let assets: StaticAssets
        do {
            assets = try StaticAssets(staticFiles: templates.staticFiles)
        } catch {
            diagnostics.append(.error(templates.displayRoot.joiningPath(TemplateSet.staticFolder), 1, .renderFailed,
                                      "cannot read a static file: \(error.plainDescription)"))
            return (nil, diagnostics)
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }

        let views = ViewBuilder(site: site, assets: assets)
        let header = HeaderHTML(views: views, templates: templates)
        guard let footer = header.footer() else {
            return (nil, diagnostics + [.error(templates.displayPartial(HeaderHTML.footerTemplate), 1, .renderFailed, "the footer could not be rendered")])
        }
        var others: [OutputFile] = []
        switch renderNotFound(views: views, header: header, footer: footer) {
        case .success(let file): others.append(file)
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
        do {
            others.append(OutputFile(path: CentreIndex.fileName, data: try CentreIndex(site: site).encoded()))
        } catch {
            diagnostics.append(.error(CentreIndex.fileName, 1, .renderFailed, "cannot encode the centre index: \(error)"))
        }
        others += Redirects.files(for: site, stylesheet: assets.path(of: "styles.css"))
        others.append(OutputFile(path: "sitemap.xml", text: SiteFiles.sitemap(site)))
        others.append(OutputFile(path: "robots.txt", text: SiteFiles.robots(site)))
        others += assets.files
        for (path, url) in site.assets { others.append(OutputFile(path: path, copying: url)) }
        let paths = site.pages.map(\.outputFile) + others.map(\.path)
        diagnostics += clashes(in: paths)
        return (diagnostics.hasErrors ? nil : Plan(views: views, header: header, footer: footer, referenceLists: ReferenceListHTML(templates: templates),
                                                          others: others, paths: paths), diagnostics)
    }

    /// Every file of the plan into `sink`, each page on the core that
    /// rendered it, as soon as it is rendered; but pages for which `rendering`
    /// says no: an incremental build takes those from the previous build.
    /// Returns the pages' problems; throws what the sink could not take.
    /// `reading`, when given, is handed each rendered page's words, read from
    /// the parse that rendered it (the editorial checks need them: one parse serves both);
    /// `fragments`, each rendered page's `PageFragment` (nil when it has none).
    public func render(_ plan: Plan, into sink: some OutputSink, rendering: @Sendable (Page) -> Bool = { _ in true },
                       reading: (@Sendable (Page, MarkdownText.Reading) -> Void)? = nil,
                       fragments: (@Sendable (Page, PageFragment?) -> Void)? = nil) throws -> [Diagnostic] {
        // Pages are independent of each other: render them on every core.
        let pages = site.pages.filter(rendering).concurrentMap { page -> Result<Diagnostic?, any Error> in
            Result {
                switch renderPage(page, plan: plan, reading: reading, fragments: fragments) {
                case .success(let file):
                    try sink.put(file)
                    return nil
                case .failure(let diagnostic):
                    return diagnostic
                }
            }
        }
        for result in plan.others.concurrentMap({ file in Result { try sink.put(file) } }) { try result.get() }
        return try pages.compactMap { try $0.get() }
    }

    /// Every template a page asks for must exist, and the 404 page's.
    private func missingTemplates() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in site.pages where !templates.pages.contains(page.template) || page.template == .notFound {
            let pages = templates.pages.subtracting([.notFound]).map(\.rawValue).sorted().joined(separator: ", ")
            diagnostics.append(.error(page.source.displayPath, page.templateLine, .missingTemplate,
                                      "template '\(page.template)' is not a page template (page templates: \(pages))"))
        }
        if !templates.pages.contains(.notFound) {
            diagnostics.append(.error(templates.display(.notFound), 1, .missingTemplate, "template not found: the site needs a 404 page"))
        }
        for (partial, what) in [(HeaderHTML.template, "the site's header, with the main navigation"), (HeaderHTML.footerTemplate, "the site's footer")]
        where templates.files[partial] == nil {
            diagnostics.append(.error(templates.displayPartial(partial), 1, .missingTemplate, "template not found: \(what) is rendered by this partial"))
        }
        if templates.files[ReferenceListHTML.template] == nil, let citing = site.pages.first(where: { !$0.source.outline.citedKeys.isEmpty }) {
            diagnostics.append(.error(templates.displayPartial(ReferenceListHTML.template), 1, .missingTemplate,
                                      "template not found: pages that cite references (the first: \(citing.source.displayPath)) list them with this partial"))
        }
        return diagnostics
    }

    private func renderPage(_ page: Page, plan: Plan, reading: ((Page, MarkdownText.Reading) -> Void)?,
                            fragments: ((Page, PageFragment?) -> Void)?) -> Result<OutputFile, Diagnostic> {
        // The answers are kept only for a build that keeps fragments.
        let asked = fragments == nil ? nil : AskedOfSite()
        let links = PageLinks(site: site, page: page)
        let renderer = MarkdownRenderer(
            rewriteLink: { destination in asked?.href(destination) { links.href(destination) } ?? links.href(destination) },
            imageSize: { destination in
                guard let asked else { return links.imageSize(destination) }
                return asked.imageSize(destination) { links.imageSize(destination) }
            })
        // The page's one parse: its outline too, when the load step did not know it (see `BodyOutline`).
        let rendered = renderer.renderReading(page.source.markdown.readOnce, lineOffset: page.source.bodyLineOffset, knownOutline: page.source.bodyOutline.known)
        page.source.bodyOutline.keep(rendered.outline)
        reading?(page, rendered.text)
        let (html, outline) = (rendered.html, rendered.outline)
        let references = outline.citedKeys.compactMap { site.references[$0] }
        let root = SitePaths.relative("", from: page.path)
        guard let headerHTML = plan.header.html(root: root, current: page.path) else {
            return .failure(.error(page.source.displayPath, 1, .renderFailed, "the header could not be rendered"))
        }
        guard let referenceList = plan.referenceLists.html(references) else {
            return .failure(.error(page.source.displayPath, 1, .renderFailed, "the reference list could not be rendered"))
        }
        func output(content: String) -> TemplateOutput? {
            let view = plan.views.view(for: page, root: root, content: content, references: references, referenceList: referenceList,
                                       header: headerHTML, footer: plan.footer)
            return templates.output(view, template: page.template)
        }
        // The HTML's bytes put in the stand-in's place (`PageBody`), unless a template's own text could hold
        // the stand-in; else the page rendered with the HTML itself.
        if !templates.holdsNUL, PageBody.hasStandIn(html), let rendered = output(content: PageBody.standIn),
           let (file, start) = rendered.withBytes({ PageBody.file($0, html: html) }) {
            if let fragments, let asked { fragments(page, PageFragment(start: start, html: html, asked: asked)) }
            return .success(OutputFile(path: page.outputFile, data: file))
        }
        let text = String(decoding: html, as: UTF8.self)
        guard let rendered = output(content: text)?.text else {
            return .failure(.error(page.source.displayPath, 1, .renderFailed, "template '\(page.template)' could not be rendered"))
        }
        let file = Data(rendered.utf8)
        if let fragments, let asked { fragments(page, PageFragment(text, in: file, asked: asked)) }
        return .success(OutputFile(path: page.outputFile, data: file))
    }

    /// The 404 page is served at any depth, so its links start at the site's root path.
    private func renderNotFound(views: ViewBuilder, header: HeaderHTML, footer: String) -> Result<OutputFile, Diagnostic> {
        guard let headerHTML = header.html(root: site.settings.paths.basePath, current: nil) else {
            return .failure(.error(templates.display(.notFound), 1, .renderFailed, "the header could not be rendered"))
        }
        let view = views.notFoundView(header: headerHTML, footer: footer)
        guard let output = templates.render(view, template: .notFound) else {
            return .failure(.error(templates.display(.notFound), 1, .renderFailed, "template could not be rendered"))
        }
        return .success(OutputFile(path: "404.html", text: output))
    }

    /// Two sources for one output file (a content image named like a static file, say).
    private func clashes(in paths: [String]) -> [Diagnostic] {
        var seen: Set<String> = []
        seen.reserveCapacity(paths.count)
        return paths.compactMap { path in
            seen.insert(path).inserted ? nil : .error(path, 1, .outputClash, "two sources write the output file '\(path)'")
        }
    }
}

/// One page's links as its render asks for them: an image's href and then its
/// size are one resolution. Only the last is kept: a page's links seldom repeat,
/// and a dictionary of them cost more than resolving the few that do again.
private final class PageLinks {
    let site: Site
    let page: Page
    private var last: (destination: String, resolution: LinkResolution?)?

    init(site: Site, page: Page) {
        self.site = site
        self.page = page
    }

    func href(_ destination: String) -> String {
        site.href(resolution(destination), on: page)
    }

    func imageSize(_ destination: String) -> ImageSize? {
        site.imageSize(resolution(destination))
    }

    private func resolution(_ destination: String) -> LinkResolution? {
        if let last, last.destination == destination { return last.resolution }
        let made = site.resolution(of: destination, on: page)
        last = (destination, made)
        return made
    }
}
