import Foundation
import SiteCheck
import SiteEditorial
import SiteLoad
import SiteModel
import SiteRender
import SiteValidate
import SiteWrite

/// What the steps of a build have made so far; each reads what earlier
/// steps left and adds its own product.
public struct BuildState: Sendable {
    public let options: BuildOptions
    public internal(set) var loaded: LoadedContent?
    public internal(set) var site: Site?
    /// What the validate step found of the fields, for the bodies step.
    var fields: ContentValidator.Fields?
    public internal(set) var templates: TemplateSet?
    /// The staging folder, from the render step (which writes into it) to the swap.
    public internal(set) var staging: StagingFolder?
    /// The pages the render step left to be taken from the last build's output.
    var reused: [OutputFile] = []
    /// The staged site with its manifest, from the write step to the swap.
    public internal(set) var staged: OutputWriter.Staged?
    /// How many files the write step staged.
    public internal(set) var files = 0
    /// The last build's cache and this build's inputs, when building incrementally.
    var cache: BuildCache?
    var fingerprint: InputFingerprint?
    /// The last build's outlines, whose records the next cache copies.
    var cachedOutlines: CachedOutlines?
    /// The bodies whose links and citations passed, for the next build's cache.
    var bodyChecks: BodyChecks?
    /// Set when nothing changed since the last build: the rest is skipped.
    var upToDate: BuildCache.CachedReport?
    /// Each page's editorial findings, in page order, for the next build's cache.
    var pageFindings: [[Diagnostic]] = []
    /// The editorial findings of the pages the render step read, until the editorial step takes them.
    var renderedFindings: RenderedPages<[Diagnostic]>?
    /// Where each rendered page's Markdown stands in its file, for the next build's cache.
    var renderedFragments: RenderedPages<FragmentRecords.Pending?>?
    /// Set by the inputs step when only bodies changed and the pages are made (`BodyEdit`).
    var bodyEdit: BodyEdit?
    var reusedPages = 0
    /// The build's steps: a build found up to date must have run the same ones (a check, compression).
    var stages: [Stage] = []
    /// What the compress step did, if the build compressed.
    public internal(set) var precompressed: OutputWriter.Staged.Precompressed?
    /// Held from the prepare step to the end of the build: one build per output folder at a time.
    var outputLock: OutputLock?
    /// The templates, read on another thread from the first step that knows the build goes on.
    var templatesAhead: Ahead<(TemplateSet?, [Diagnostic])>?
    /// The cache's files, encoded on another thread from the editorial step on.
    var cacheFiles: Ahead<BuildCache.Files?>?
    /// The cache's records of the outlines, and of the rendered pages' fragments, encoded on other threads from the render step on.
    var outlineRecords: Ahead<Data>?
    var fragmentRecords: Ahead<Data>?
    /// What the prepare step found in the output folder that the build did not write,
    /// looked for on another thread until a step is about to write (or one failed).
    var outputRefusals: Ahead<[Diagnostic]>?
    /// Set by the prepare step when the output folder is there to be looked at.
    var outputToLookAt = false
    /// The spare (`SpareSite`), moved and read on another thread from the step that knows the build will write.
    var spareAhead: Ahead<SpareSite.Moved?>?

    init(options: BuildOptions) {
        self.options = options
    }

    var writer: OutputWriter { OutputWriter(output: options.output) }
    var validator: ContentValidator {
        ContentValidator(baseURL: options.baseURL, today: options.today, includeDrafts: options.includeDrafts, strict: options.strict)
    }
    var sources: [URL] { [URL(fileURLWithPath: options.content), URL(fileURLWithPath: options.templates)] }

    /// What later steps need and no content changes (ICU's tables, which the first
    /// regular expression of a process makes, with the editorial rules' expressions,
    /// the map's coastline, the templates), made on other threads while this one
    /// reads the content: the other core has little to do until the first files are read.
    /// Called once, by the prepare step of a build without the cache or by the inputs step.
    mutating func readAhead() {
        DispatchQueue.global().async {
            EditorialChecker.compileExpressions()
            SiteRenderer.readToolData()
        }
        let folder = options.templates
        templatesAhead = Ahead { TemplateSet.load(directory: URL(fileURLWithPath: folder), displayRoot: folder) }
    }

    /// Looks at the output folder on another thread (see `prepare`), if the prepare step found it to look at.
    mutating func lookAtOutput() {
        guard outputToLookAt else { return }
        outputToLookAt = false
        let writer = self.writer
        outputRefusals = Ahead { writer.contentRefusals(expecting: nil, comparingContents: false) }
    }

    /// Moves the spare on another thread (`OutputWriter.moveSpare`), with the lock held.
    mutating func moveSpareAhead() {
        guard spareAhead == nil, outputLock != nil else { return }
        let writer = self.writer
        spareAhead = Ahead(ownThread: true) { writer.moveSpare() }
    }

    /// The spare moved ahead, waited for, once: for the staging folder.
    mutating func takeMovedSpare() -> SpareSite.Moved? {
        defer { spareAhead = nil }
        return spareAhead?.wait() ?? nil
    }

    /// A build that ends before making its staging folder puts the spare back.
    mutating func putBackSpare() {
        if let moved = takeMovedSpare() { writer.putBack(moved) }
    }

    /// The prepare step's refusals, waited for, once.
    mutating func takeOutputRefusals() -> [Diagnostic]? {
        defer { outputRefusals = nil }
        return outputRefusals?.wait()
    }

    /// Takes the output folder's lock, or says who holds it.
    mutating func lockOutput(waitingUpTo seconds: Double) -> Diagnostic? {
        guard outputLock == nil else { return nil }
        let folder = options.output.hasSuffix("/") ? options.output : options.output + "/"
        do {
            outputLock = try writer.lock(waitingUpTo: seconds)
            return nil
        } catch let busy as OutputBusy {
            let holder = busy.holder.map { " (process \($0))" } ?? ""
            return .error(options.output, 1, .outputBusy, "another build is writing \(folder)\(holder); waited \(String(format: "%g", seconds)) s for it: try again once it has finished")
        } catch {
            return .error(options.output, 1, .writeFailed, "cannot lock \(folder): \(error.plainDescription)")
        }
    }

    /// A product of an earlier step; missing only if the steps are out of order.
    func require<T>(_ product: T?, _ name: String, for stage: Stage) throws -> T {
        guard let product else {
            throw BuildFailure(stage: stage, diagnostics: [.error(options.output, 1, .renderFailed, "the \(stage.rawValue) step needs \(name), which no earlier step made")])
        }
        return product
    }
}

/// One named step of a build: it runs, changes the state and returns what it
/// found. Errors among its findings stop the build.
public struct BuildStep: Sendable {
    public let stage: Stage
    let run: @Sendable (inout BuildState) throws -> [Diagnostic]

    public init(_ stage: Stage, run: @escaping @Sendable (inout BuildState) throws -> [Diagnostic]) {
        self.stage = stage
        self.run = run
    }

    /// The steps of `site build`, with the check of the staged site and its
    /// compressed copies before the swap when asked (compressing after the
    /// check, so a site that fails it is not compressed for nothing).
    public static func standard(check: Bool, compress: Bool = false) -> [BuildStep] {
        [.prepare, .inputs, .load, .validate, .templates, .render, .bodies, .editorial, .write] + (check ? [.check] : [])
            + (compress ? [.compress] : []) + [.swap]
    }

    /// The steps a build of edited bodies alone has no need of: its pages are made by the inputs
    /// step and replace the last build's by the swap step, compressed there if the build compresses.
    static let passedOverByBodyEdit: Set<Stage> = [.load, .validate, .templates, .render, .bodies, .editorial, .write, .compress]

    /// The steps that write nothing: the prepare step's look at the output folder may go on beside them.
    static let readingOnly: Set<Stage> = [.prepare, .inputs, .load, .validate, .templates]

    /// How long a build waits for another build of the same output folder to finish.
    public static let lockWait: Double = 10

    /// Asked first: no point building a site that may not be written.
    public static let prepare = prepare(waitingUpTo: lockWait)

    /// The output's place, then its lock (waiting up to `seconds`), what dead
    /// builds left beside it, then whether it holds anything the last build
    /// did not write (changed files are found by the swap, which reads them all):
    /// looked for on another thread while the content is read (for 10,000 pages,
    /// some 20,000 folders and files), and answered before anything is written.
    /// An incremental build looks once its inputs step has found it must read the
    /// content: one up to date has looked already, and one of edited bodies alone
    /// (`BodyEdit`) looks for itself, for a folder exactly as the last build left it.
    public static func prepare(waitingUpTo seconds: Double) -> BuildStep {
        BuildStep(.prepare) { state in
            // A build without the cache makes everything: what it needs first is made meanwhile.
            if !state.options.incremental { state.readAhead() }
            let writer = state.writer
            let refusals = writer.location.refusals(protecting: state.sources)
            guard refusals.isEmpty else { return refusals }
            // Without the output's parent folder there is nothing to guard yet, and a build
            // that fails must not leave one made for the lock: the swap takes the lock then.
            guard writer.location.parentExists else { return [] }
            if let busy = state.lockOutput(waitingUpTo: seconds) { return [busy] }
            writer.removeLeftovers()
            state.outputToLookAt = true
            if !state.options.incremental || !state.stages.contains(.inputs) { state.lookAtOutput() }
            return []
        }
    }

    /// Hashes every input and reads the last build's cache: when nothing
    /// changed and the output is as that build left it, the build is done.
    public static let inputs = BuildStep(.inputs) { state in
        guard state.options.incremental else { return [] }
        let location = state.writer.location
        // The output's manifest, decoded on the other core while this one reads the stamps (some 13 ms each
        // for 10,000 pages); the steps that read it later are given this one (`OutputManifest.read`).
        let manifest = Ahead { location.readManifest() }
        var cache = BuildCache.read(beside: location)
        // A cache is only as good as the output it describes: the manifest says which that is.
        if cache.summary?.manifest != BuildCache.manifestHash(location) { cache = BuildCache(folder: location.cache) }
        let previousStamps = cache.summary == nil ? nil : cache.stamps()
        let fingerprint = InputFingerprint(options: state.options, steps: state.stages, previousTool: cache.summary?.tool,
                                           previousStamps: previousStamps)
        state.fingerprint = fingerprint
        state.cache = cache
        _ = manifest.wait()
        if let summary = cache.summary, summary.whole == fingerprint.whole.hex, state.writer.isAsLastWritten() {
            if fingerprint.restamps { BuildCache.replaceStamps(fingerprint.stamps, beside: location) }
            state.upToDate = summary.report
            return []
        }
        if let edit = BodyEdit.attempt(state, cache: cache, fingerprint: fingerprint, previousStamps: previousStamps) {
            state.bodyEdit = edit
            // Its counts are the last build's: its pages and files are those of the site it edits.
            state.reusedPages = edit.report.pages - edit.pages.count
            state.files = edit.report.files
            return []
        }
        // The build will write: the spare is made ready on the other core, which has little else to do until the render step.
        state.moveSpareAhead()
        state.lookAtOutput()
        state.readAhead()
        return []
    }

    public static let load = BuildStep(.load) { state in
        var loader = ContentLoader(directory: URL(fileURLWithPath: state.options.content), displayRoot: state.options.content)
        if let fingerprint = state.fingerprint, let cached = state.cache?.outlines(tool: fingerprint.tool.hash) {
            loader.knownOutlines = cached.outlines
            loader.knownFronts = cached.fronts
            state.cachedOutlines = cached
        }
        // The stamps the inputs step just took: a file it trusted or hashed, unchanged since, keeps its hash.
        if let stamps = state.fingerprint?.stamps {
            loader.knownHash = { path, stamp in stamps.hashes(path, stamp: stamp)?.whole }
        }
        loader.readFiles = state.fingerprint?.readFiles
        loader.tree = state.fingerprint?.contentTree
        let loaded = loader.load()
        state.loaded = loaded
        return []
    }

    /// The fields of every file, and the site they make. Their errors stop the
    /// build here, with the bodies' problems beside them (one build shows them
    /// all); else the bodies are checked by the bodies step, once the render
    /// step has parsed each page it renders for its outline and HTML together.
    public static let validate = BuildStep(.validate) { state in
        let loaded = try state.require(state.loaded, "the loaded content", for: .validate)
        let validator = state.validator
        let fields = validator.validateFields(loaded)
        guard fields.site != nil else {
            return (fields.diagnostics + validator.checkBodies(fields, bodyChecks: nil).diagnostics).sortedForDisplay()
        }
        state.site = fields.site
        state.fields = fields
        return fields.diagnostics.sortedForDisplay()
    }

    /// The Markdown bodies: links and anchors, citations, raw HTML and what
    /// each parse found (`ContentValidator.checkBodies`). After the render
    /// step, whose parses gave the outlines of the pages it rendered; their
    /// errors stop the build before anything is swapped in.
    public static let bodies = BuildStep(.bodies) { state in
        let fields = try state.require(state.fields, "the validated fields", for: .bodies)
        // The bodies that passed last time against the same targets are not checked again.
        let before = state.fingerprint.map { state.cache?.bodyChecks(salt: $0.tool.hash) ?? BodyChecks(salt: $0.tool.hash) }
        let checked = state.validator.checkBodies(fields, bodyChecks: before)
        state.bodyChecks = checked.passed
        state.fields = nil
        return checked.diagnostics
    }

    /// Editorial checks on what will be published: each page's findings as
    /// the last build had them when its file and the settings are the same,
    /// else as the render step found them, else read anew.
    public static let editorial = BuildStep(.editorial) { state in
        let site = try state.require(state.site, "the validated site", for: .editorial)
        state.cache?.readPages()
        // A page the render step read has its findings there, from the cache or its words: its key is not worked out twice.
        let (cached, rendered) = (cachedFindings(state), state.renderedFindings)
        let (perPage, all) = EditorialChecker(site: site).check(reusing: { page in rendered?.value(of: page) ?? cached(page) })
        state.pageFindings = perPage
        state.renderedFindings = nil
        return all
    }

    public static let templates = BuildStep(.templates) { state in
        let (templates, diagnostics) = state.templatesAhead?.wait() ?? TemplateSet.load(directory: URL(fileURLWithPath: state.options.templates),
                                                                                        displayRoot: state.options.templates)
        state.templates = templates
        return diagnostics
    }

    /// Renders the site into the staging folder, each page written as soon
    /// as it is rendered (on the core that rendered it), so the site is never
    /// held whole in memory. The folder is opened once the plan is made: a
    /// missing template or two sources of one file write nothing.
    public static let render = BuildStep(.render) { state in
        let site = try state.require(state.site, "the validated site", for: .render)
        let templates = try state.require(state.templates, "the templates", for: .render)
        let renderer = SiteRenderer(site: site, templates: templates)
        // The plan (the site's own files, on one core) is made beside the look for pages to take (on both).
        let planned = Ahead { renderer.plan() }
        // Pages whose inputs are those of the previous build's page, still as it wrote it, are taken from it;
        // so are the site's other files whose bytes are those it wrote.
        // The pages' records are read once, here, for the previous site and the editorial findings.
        state.cache?.readPages()
        let previous = state.fingerprint.map { PreviousSite(location: state.writer.location, cache: state.cache, fingerprint: $0) }
        let reused = previous?.reusable(site.pages) ?? [:]
        let (made, problems) = planned.wait()
        guard var plan = made else { return problems }
        if let previous { plan.others = previous.unchanged(plan.others) }
        // The editorial findings of each page rendered: the last build's where they still hold, else from the words its render read.
        let (cached, checker) = (cachedFindings(state), EditorialChecker(site: site))
        let findings = RenderedPages<[Diagnostic]>()
        state.renderedFindings = findings
        // Kept only for a cache: a build without one has no next build to make from them.
        // Made into records on the worker's thread, as the page is rendered.
        let fragments: RenderedPages<FragmentRecords.Pending?>? = state.fingerprint == nil ? nil : RenderedPages()
        state.renderedFragments = fragments
        let keepFragment: (@Sendable (Page, PageFragment?) -> Void)?
        if let fragments {
            keepFragment = { page, fragment in fragments.keep(fragment.flatMap { FragmentRecords.Pending($0, outline: page.source.outline) }, of: page) }
        } else {
            keepFragment = nil
        }
        do {
            let staging = try state.writer.openStaging(for: plan.paths, spare: state.takeMovedSpare())
            state.staging = staging
            state.reused = Array(reused.values)
            state.reusedPages = reused.count
            return try problems + renderer.render(plan, into: staging, rendering: { reused[$0.outputFile] == nil }, reading: { page, text in
                findings.keep(cached(page) ?? checker.findings(on: page, text: text), of: page)
            }, fragments: keepFragment)
        } catch {
            return problems + [writeFailure(error, state)]
        }
    }

    /// Links the pages taken from the last build into the staging folder,
    /// then records what it holds: the staged site.
    public static let write = BuildStep(.write) { state in
        let staging = try state.require(state.staging, "the staging folder", for: .write)
        // Every body the build read is read by now: one read late (see `MarkdownBody`) must have been as loaded.
        let changed = (state.loaded?.sources ?? []).filter { $0.markdown.changedSinceLoad }
        guard changed.isEmpty else {
            return changed.map { .error($0.displayPath, 1, .changedWhileBuilding, "the file changed while the build ran: build again") }
        }
        do {
            try staging.put(contentsOf: state.reused)
        } catch {
            return [writeFailure(error, state)]
        }
        state.reused = []
        let staged = staging.finish()
        state.staged = staged
        state.files = staged.manifest.files.count
        return []
    }

    /// A page's editorial findings as the last build kept them, when its file and the settings are the same.
    private static func cachedFindings(_ state: BuildState) -> @Sendable (Page) -> [Diagnostic]? {
        let (records, fingerprint) = (state.cache?.pages ?? [:], state.fingerprint)
        return { page in
            guard let fingerprint, let record = records[page.outputFile], record.editorialKey == fingerprint.editorialKey(page) else { return nil }
            return record.findings
        }
    }

    private static func writeFailure(_ error: any Error, _ state: BuildState) -> Diagnostic {
        .error(state.options.output, 1, .writeFailed, "cannot write the site: \(error.plainDescription)")
    }

    /// Checks the staged site as it will be published, naming content files where it can.
    public static let check = BuildStep(.check) { state in
        let site = try state.require(state.site, "the validated site", for: .check)
        let staged = try state.require(state.staged, "the staged site", for: .check)
        return SiteChecker(sources: SourceMap(site: site)).check(folder: staged.folder, displayRoot: state.options.output)
    }

    /// `.gz` and `.br` beside the staged text files, reusing the last build's for unchanged files.
    public static let compress = BuildStep(.compress) { state in
        let staged = try state.require(state.staged, "the staged site", for: .compress)
        do {
            (state.staged, state.precompressed) = try staged.compressingTextFiles()
            return []
        } catch {
            return [.error(state.options.output, 1, .writeFailed, "cannot compress the site: \(error.plainDescription)")]
        }
    }

    /// Asks again, now that the build's files are known (and the folder may
    /// have changed meanwhile), before the staged site replaces the output.
    public static let swap = BuildStep(.swap) { state in
        let writer = state.writer
        var refusals = writer.location.refusals(protecting: state.sources)
        if refusals.isEmpty, let busy = state.lockOutput(waitingUpTo: lockWait) { refusals.append(busy) }
        if let edit = state.bodyEdit {
            guard refusals.isEmpty else { return refusals }
            return replaceInPlace(edit, &state)
        }
        let staged = try state.require(state.staged, "the staged site", for: .swap)
        if refusals.isEmpty { refusals = writer.contentRefusals(expecting: staged.manifest.files.map(\.path)) }
        guard refusals.isEmpty else { return refusals }
        do {
            // The cache described the folder being replaced: gone first, so it never describes another.
            BuildCache.setAside(beside: writer.location)
            try staged.commit()
            state.staging = nil
            state.staged = nil
            return []
        } catch {
            return [.error(state.options.output, 1, .writeFailed, "cannot replace the output folder: \(error.plainDescription)")]
        }
    }
}

extension BuildStep {
    /// The edited pages (and their compressed copies) put in the output folder
    /// over the last build's, which it holds as written (`BodyEdit`).
    static func replaceInPlace(_ edit: BodyEdit, _ state: inout BuildState) -> [Diagnostic] {
        let writer = state.writer
        do {
            // The cache described the folder as it was: gone first, so it never describes another.
            BuildCache.setAside(beside: writer.location)
            let replaced = try writer.replace(edit.pages, listedIn: edit.manifest, compressing: state.stages.contains(.compress))
            state.precompressed = replaced.precompressed
            return []
        } catch {
            return [.error(state.options.output, 1, .writeFailed, "cannot replace the edited pages in the output folder: \(error.plainDescription)")]
        }
    }
}

/// What the render step's workers keep of each page they render, by content
/// file: its editorial findings for the editorial step, its fragment's
/// records (nil when it has none) for the next build's cache.
final class RenderedPages<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var byFile: [String: Value] = [:]

    func keep(_ value: Value, of page: Page) {
        lock.withLock { byFile[page.source.relativePath] = value }
    }

    /// Nil for a page not rendered.
    func value(of page: Page) -> Value? {
        lock.withLock { byFile[page.source.relativePath] }
    }
}
