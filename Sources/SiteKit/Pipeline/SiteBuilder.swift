import Foundation

public struct BuildOptions {
    public var content: String
    public var templates: String
    public var output: String
    public var baseURL: String?
    /// Compared with `next_review` to warn of overdue reviews.
    public var today: Day?

    public init(content: String = "content", templates: String = "templates", output: String = "public",
                baseURL: String? = nil, today: Day? = nil) {
        self.content = content
        self.templates = templates
        self.output = output
        self.baseURL = baseURL
        self.today = today
    }
}

public struct BuildReport {
    public var pages = 0
    public var centres = 0
    public var references = 0
    public var files = 0
    /// Each stage's name and its time in milliseconds, in run order.
    public var stages: [(name: String, milliseconds: Double)] = []
    public var warnings: [Diagnostic] = []
    /// Whether the staged site was checked before the swap.
    public var checked = false

    public var milliseconds: Double { stages.reduce(0) { $0 + $1.milliseconds } }

    public var summary: String {
        "built \(pages) pages, \(centres) centres, \(references) references (\(files) files)"
            + (checked ? ", checked: no broken links, anchors, orphans or index drift," : "")
            + " in \(Int(milliseconds.rounded())) ms"
    }
}

/// Runs the stages in order: load -> validate -> render -> write (staged),
/// then an optional check of the staged site, then the swap. A stage that
/// finds errors stops the build with all of them; `public/` is untouched.
public struct SiteBuilder {
    public var options: BuildOptions
    /// Runs on the staged folder (shown as the output folder) before it
    /// replaces the output; errors abort the swap.
    public var check: ((_ folder: URL, _ displayRoot: String, _ site: Site) -> [Diagnostic])?

    public init(options: BuildOptions, check: ((_ folder: URL, _ displayRoot: String, _ site: Site) -> [Diagnostic])? = nil) {
        self.options = options
        self.check = check
    }

    public func build() throws -> BuildReport {
        var report = BuildReport()
        func timed<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { report.stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)) }
            return try work()
        }
        func stop(_ stage: String, _ diagnostics: [Diagnostic]) throws {
            report.warnings += diagnostics.filter { $0.severity == .warning }
            if diagnostics.hasErrors { throw BuildFailure(stage: stage, diagnostics: diagnostics) }
        }

        let contentURL = URL(fileURLWithPath: options.content)
        // Asked first: no point building a site that may not be written.
        if let refusal = OutputWriter(output: URL(fileURLWithPath: options.output))
            .refusal(protecting: [contentURL, URL(fileURLWithPath: options.templates)]) {
            throw BuildFailure(stage: "write", diagnostics: [.error(options.output, 1, refusal)])
        }
        let loaded = timed("load") { ContentLoader(directory: contentURL, displayRoot: options.content).load() }
        let (site, validation) = timed("validate") { ContentValidator(baseURL: options.baseURL, today: options.today).validate(loaded) }
        try stop("validate", validation)
        guard let site else { throw BuildFailure(stage: "validate", diagnostics: validation) }

        let (templates, templateDiagnostics) = timed("templates") {
            TemplateSet.load(directory: URL(fileURLWithPath: options.templates), displayRoot: options.templates)
        }
        try stop("templates", templateDiagnostics)
        guard let templates else { throw BuildFailure(stage: "templates", diagnostics: templateDiagnostics) }

        let (files, renderDiagnostics) = timed("render") { SiteRenderer(site: site, templates: templates).render() }
        try stop("render", renderDiagnostics)

        let writer = OutputWriter(output: URL(fileURLWithPath: options.output))
        let staged: OutputWriter.Staged
        do {
            staged = try timed("write") { try writer.stage(files) }
        } catch {
            throw BuildFailure(stage: "write", diagnostics: [.error(options.output, 1, "cannot write the site: \(error.localizedDescription)")])
        }
        if let check {
            let findings = timed("check") { check(staged.folder, options.output, site) }
            report.warnings += findings.filter { $0.severity == .warning }
            if findings.hasErrors {
                staged.discard()
                throw BuildFailure(stage: "check", diagnostics: findings)
            }
            report.checked = true
        }
        do {
            try timed("swap") { try staged.commit() }
        } catch {
            staged.discard()
            throw BuildFailure(stage: "write", diagnostics: [.error(options.output, 1, "cannot replace the output folder: \(error.localizedDescription)")])
        }
        report.pages = site.pages.count
        report.centres = site.centres.count
        report.references = site.references.count
        report.files = files.count
        return report
    }
}
