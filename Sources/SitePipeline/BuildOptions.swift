import SiteModel

public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    public var baseURL: String?
    /// Compared with `next_review` to warn of overdue reviews.
    public var today: Day?
    /// Build drafts as pages, with their banner (the preview); a build for publishing leaves them out.
    public var includeDrafts: Bool
    /// An overdue review is an error (what CI builds with).
    public var strict: Bool
    /// Reuse what the last build into the same folder made from the same inputs (`BuildCache`).
    public var incremental: Bool

    public init(content: String = "content", templates: String = "templates", output: String = "public",
                baseURL: String? = nil, today: Day? = nil, includeDrafts: Bool = false, strict: Bool = false,
                incremental: Bool = true) {
        self.content = content
        self.templates = templates
        self.output = output
        self.baseURL = baseURL
        self.today = today
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.incremental = incremental
    }
}

public struct BuildReport: Sendable {
    public var pages = 0
    /// Redirect pages at the old addresses of renamed pages (`aliases:`).
    public var redirects = 0
    public var centres = 0
    public var references = 0
    public var files = 0
    /// With `--compress`: text files compressed, and those whose last build's copies were kept.
    public var compressed: Int?
    public var compressionReused = 0
    /// Drafts the build left out (they are not published).
    public var draftsLeftOut = 0
    /// Dot-files and editor leftovers passed over.
    public var filesPassedOver = 0
    /// Where the site root sits on the host, once the site was validated.
    public var basePath: String?
    /// Pages taken unchanged from the last build, their inputs being the same.
    public var reusedPages = 0
    /// Nothing changed since the last build, which left the output as it is.
    public var upToDate = false
    /// Each stage and its time in milliseconds, in run order.
    public var stages: [(stage: Stage, milliseconds: Double)] = []
    public var warnings: [Diagnostic] = []
    /// Whether the site was checked before the swap (by this build, or by the one it found up to date).
    public var checked = false

    public var milliseconds: Double { stages.reduce(0) { $0 + $1.milliseconds } }

    public var summary: String {
        (upToDate ? "up to date: \(pages) pages" : "built \(pages) pages")
            + (reusedPages > 0 && !upToDate ? " (\(reusedPages) unchanged since the last build)" : "")
            + ", \(centres) centres, \(references) references"
            + (redirects > 0 ? ", \(redirects) redirect\(redirects == 1 ? "" : "s")" : "")
            + " (\(files) files)"
            + (compressed.map { ", compressed \($0) text file\($0 == 1 ? "" : "s"), kept \(compressionReused) unchanged" } ?? "")
            + (draftsLeftOut > 0 ? ", left out \(draftsLeftOut) draft\(draftsLeftOut == 1 ? "" : "s")" : "")
            + (filesPassedOver > 0 ? ", passed over \(filesPassedOver) dot-file\(filesPassedOver == 1 ? "" : "s") or editor leftover\(filesPassedOver == 1 ? "" : "s")" : "")
            + (checked ? ", checked: no broken links, anchors, orphans or index drift," : "")
            + (upToDate ? ", nothing changed since the last build," : "")
            + " in \(Int(milliseconds.rounded())) ms"
    }
}
