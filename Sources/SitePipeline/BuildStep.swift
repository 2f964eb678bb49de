import Foundation
import SiteCheck
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
    public internal(set) var templates: TemplateSet?
    public internal(set) var files: [OutputFile] = []
    public internal(set) var staged: OutputWriter.Staged?

    init(options: BuildOptions) {
        self.options = options
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

    /// The steps of `site build`, with the check of the staged site before the swap when asked.
    public static func standard(check: Bool) -> [BuildStep] {
        [.prepare, .load, .validate, .templates, .render, .write] + (check ? [.check] : []) + [.swap]
    }

    /// Asked first: no point building a site that may not be written.
    public static let prepare = BuildStep(.prepare) { state in
        let options = state.options
        let writer = OutputWriter(output: URL(fileURLWithPath: options.output))
        guard let refusal = writer.refusal(protecting: [URL(fileURLWithPath: options.content), URL(fileURLWithPath: options.templates)]) else {
            return []
        }
        return [.error(options.output, 1, .outputRefused, refusal)]
    }

    public static let load = BuildStep(.load) { state in
        let loaded = ContentLoader(directory: URL(fileURLWithPath: state.options.content), displayRoot: state.options.content).load()
        state.loaded = loaded
        return []
    }

    public static let validate = BuildStep(.validate) { state in
        let loaded = try state.require(state.loaded, "the loaded content", for: .validate)
        let (site, diagnostics) = ContentValidator(baseURL: state.options.baseURL, today: state.options.today,
                                                 includeDrafts: state.options.includeDrafts).validate(loaded)
        state.site = site
        return diagnostics
    }

    public static let templates = BuildStep(.templates) { state in
        let (templates, diagnostics) = TemplateSet.load(directory: URL(fileURLWithPath: state.options.templates),
                                                        displayRoot: state.options.templates)
        state.templates = templates
        return diagnostics
    }

    public static let render = BuildStep(.render) { state in
        let site = try state.require(state.site, "the validated site", for: .render)
        let templates = try state.require(state.templates, "the templates", for: .render)
        let (files, diagnostics) = SiteRenderer(site: site, templates: templates).render()
        state.files = files
        return diagnostics
    }

    public static let write = BuildStep(.write) { state in
        do {
            state.staged = try OutputWriter(output: URL(fileURLWithPath: state.options.output)).stage(state.files)
            return []
        } catch {
            return [.error(state.options.output, 1, .writeFailed, "cannot write the site: \(error.localizedDescription)")]
        }
    }

    /// Checks the staged site as it will be published, naming content files where it can.
    public static let check = BuildStep(.check) { state in
        let site = try state.require(state.site, "the validated site", for: .check)
        let staged = try state.require(state.staged, "the staged site", for: .check)
        return SiteChecker(sources: SourceMap(site: site)).check(folder: staged.folder, displayRoot: state.options.output)
    }

    public static let swap = BuildStep(.swap) { state in
        let staged = try state.require(state.staged, "the staged site", for: .swap)
        do {
            try staged.commit()
            state.staged = nil
            return []
        } catch {
            return [.error(state.options.output, 1, .writeFailed, "cannot replace the output folder: \(error.localizedDescription)")]
        }
    }
}
