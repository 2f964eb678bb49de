import Foundation
import SiteMarkdown
import SiteModel

/// Stage 3: turns the validated site into the files of `public/`, in memory.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let templates: TemplateSet

    public init(site: Site, templates: TemplateSet) {
        self.site = site
        self.templates = templates
    }

    /// The tool's own files that pages are made from (the map's coastline).
    public static var resourceFiles: [URL] {
        [Bundle.module.url(forResource: Coastline.resourceName, withExtension: "json")].compactMap { $0 }
    }

    /// Every file of the site, but pages for which `rendering` says no: an
    /// incremental build takes those from the previous build unchanged.
    public func render(rendering: @Sendable (Page) -> Bool = { _ in true }) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
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
            return ([], diagnostics)
        }
        if diagnostics.hasErrors { return ([], diagnostics) }

        let views = ViewBuilder(site: site, assets: assets)
        var files: [OutputFile] = []
        // Pages are independent of each other: render them on every core.
        for result in site.pages.filter(rendering).concurrentMap({ renderPage($0, views: views) }) {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        switch renderNotFound(views: views) {
        case .success(let file): files.append(file)
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
        do {
            files.append(OutputFile(path: CentreIndex.fileName, data: try CentreIndex(site: site).encoded()))
        } catch {
            diagnostics.append(.error(CentreIndex.fileName, 1, .renderFailed, "cannot encode the centre index: \(error)"))
        }
        files += Redirects.files(for: site, stylesheet: assets.path(of: "styles.css"))
        files.append(OutputFile(path: "sitemap.xml", text: SiteFiles.sitemap(site)))
        files.append(OutputFile(path: "robots.txt", text: SiteFiles.robots(site)))
        files += assets.files
        for (path, url) in site.assets { files.append(OutputFile(path: path, copying: url)) }
        diagnostics += clashes(in: files)
        return (files, diagnostics)
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
        return diagnostics
    }

    private func renderPage(_ page: Page, views: ViewBuilder) -> Result<OutputFile, Diagnostic> {
        let outline = page.source.outline
        let renderer = MarkdownRenderer(rewriteLink: { [site] in site.href(of: $0, on: page) },
                                        citationNumbers: outline.citationNumbers,
                                        imageSize: { [site] in site.imageSize(of: $0, on: page) })
        let html = renderer.render(page.source.body, outline: outline)
        let references = outline.citedKeys.compactMap { site.references[$0] }
        let view = views.view(for: page, content: html, references: references)
        guard let output = templates.render(view, template: page.template) else {
            return .failure(.error(page.source.displayPath, 1, .renderFailed, "template '\(page.template)' could not be rendered"))
        }
        return .success(OutputFile(path: page.outputFile, text: output))
    }

    /// The 404 page is served at any depth, so its links start at the site's root path.
    private func renderNotFound(views: ViewBuilder) -> Result<OutputFile, Diagnostic> {
        let view = views.notFoundView()
        guard let output = templates.render(view, template: .notFound) else {
            return .failure(.error(templates.display(.notFound), 1, .renderFailed, "template could not be rendered"))
        }
        return .success(OutputFile(path: "404.html", text: output))
    }

    /// Two sources for one output file (a content image named like a static file, say).
    private func clashes(in files: [OutputFile]) -> [Diagnostic] {
        var seen: Set<String> = []
        return files.compactMap { file in
            seen.insert(file.path).inserted ? nil : .error(file.path, 1, .outputClash, "two sources write the output file '\(file.path)'")
        }
    }
}
