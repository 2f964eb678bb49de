import Foundation
import XCTest
@testable import SiteCheck
@testable import SiteLoad
@testable import SiteMarkdown
@testable import SiteModel
@testable import SitePipeline
@testable import SiteRender
@testable import SiteScaffold
@testable import SiteValidate
@testable import SiteWrite

/// The real content and templates, built on a fixed day by the tests of incremental builds.
extension XCTestCase {
    /// Both copied, so the test can change them.
    func realSite() throws -> (Workspace, URL) {
        let workspace = try Workspace(copying: Repository.content)
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        return (workspace, templates)
    }

    func options(_ workspace: Workspace, _ templates: URL, output: URL, incremental: Bool = true) -> BuildOptions {
        BuildOptions(content: workspace.content.path, templates: templates.path, output: output.path, today: Day(iso: "2026-11-28"),
                     incremental: incremental)
    }
}

/// Paths of the repository, found from this file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("content")
    static let templates = root.appendingPathComponent("templates")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// A throw-away copy of a fixture content folder that a test can change,
/// with an output folder beside it.
final class Workspace {
    let folder: URL
    var content: URL { folder.appendingPathComponent("content") }
    var output: URL { folder.appendingPathComponent("public") }

    init(copying source: URL = Repository.fixtures.appendingPathComponent("minimal")) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: content)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ path: String, _ text: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Replaces `old` with `new` in a content file; fails the test if `old` is not there.
    func edit(_ path: String, replacing old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = content.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) does not contain \(old)", file: file, line: line)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func options(templates: URL = Repository.templates) -> BuildOptions {
        BuildOptions(content: content.path, templates: templates.path, output: output.path)
    }

    func build(templates: URL = Repository.templates) throws -> BuildReport {
        try SiteBuilder(options: options(templates: templates)).build()
    }

    /// The diagnostics of a build that must fail.
    func failingBuild(templates: URL = Repository.templates, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        do {
            _ = try build(templates: templates)
            XCTFail("the build succeeded", file: file, line: line)
            return []
        } catch let failure as BuildFailure {
            return failure.errors
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return []
        }
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func displayPath(_ relative: String) -> String {
        content.path + "/" + relative
    }
}

/// Runs validation alone on a workspace's content.
func validate(_ workspace: Workspace) -> (Site?, [Diagnostic]) {
    let loaded = ContentLoader(directory: workspace.content, displayRoot: workspace.content.path).load()
    return ContentValidator().validate(loaded)
}

/// Every file below a folder, by relative path, with its bytes.
/// The inode of what stands at `url` (a folder too), not followed if a link.
func inode(_ url: URL) -> UInt64? {
    var info = stat()
    return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
}

func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for path in try FileTree.files(in: folder) {
        result[path] = try Data(contentsOf: folder.appendingPathComponent(path))
    }
    return result
}

/// A test with a fixture workspace of its own, made before it and removed
/// (with its temporary folder) after it.
class WorkspaceTestCase: XCTestCase {
    var workspace: Workspace!

    override func setUpWithError() throws {
        workspace = try Workspace()
    }

    override func tearDown() {
        workspace = nil
    }
}
