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

final class LinkResolverTests: XCTestCase {
    let resolver = LinkResolver(
        pagePaths: ["index.md": "", "evidence.md": "evidence/", "services/psma.md": "services/psma/", "centres/index.md": "centres/"],
        anchors: ["evidence/": PageAnchors(headingIDs: ["the-trial"], hasReview: false, hasReferences: false)],
        assets: ["images/scan.png"])

    func testMarkdownLinksBecomeCleanRelativeURLs() {
        let resolution = resolver.resolve("../evidence.md#the-trial", from: "services/psma.md")
        XCTAssertEqual(resolution, .page(path: "evidence/", fragment: "the-trial"))
        XCTAssertEqual(resolution.href(fromPage: "services/psma/"), "../../evidence/#the-trial")
        XCTAssertEqual(resolver.resolve("services/psma.md", from: "index.md").href(fromPage: ""), "services/psma/")
        XCTAssertEqual(resolver.resolve("index.md", from: "evidence.md").href(fromPage: "evidence/"), "../")
        XCTAssertEqual(resolver.resolve("centres/", from: "index.md").href(fromPage: ""), "centres/")
        XCTAssertEqual(resolver.resolve("/evidence.md", from: "services/psma.md").href(fromPage: "services/psma/"), "../../evidence/")
    }

    /// A plain reference read in one pass over its bytes goes where the general
    /// rules take it (trimming, scheme, split at `#` and `?`, decoding, resolving);
    /// any other is left to those rules.
    func testAPlainReferenceReadOnItsBytesIsWhatTheGeneralRulesRead() {
        var generator = SeededGenerator(seed: 20261130)
        let pieces = ["..", ".", "/", "//", "a", "b.md", "index.md", "#", "#x", "?q", "%41", " ", "\t", ":", "x:", "é", "-", "_", "~", "images/", "c.png"]
        let files = ["index.md", "services/psma.md", "a/b/c/d.md", "é/x.md", "one.md"]
        var plain = 0
        XCTAssertNil(SitePaths.plainReference("", from: "index.md"), "an empty link is left to the general rules, which refuse it")
        XCTAssertEqual(resolver.resolve("", from: "index.md"), .problem(.empty))
        for _ in 0..<5_000 {
            let reference = (0..<Int.random(in: 1..<8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for file in files {
                guard let read = SitePaths.plainReference(reference, from: file) else {
                    XCTAssertTrue(reference.utf8.contains { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "?") }
                                  || reference.hasPrefix("//") || file.utf8.contains { $0 >= 0x80 }, "\(reference) from \(file) left to the general rules")
                    continue
                }
                plain += 1
                XCTAssertEqual(reference.trimmedSpaces, reference)
                XCTAssertNil(SitePaths.scheme(of: reference))
                XCTAssertFalse(reference.hasPrefix("//"))
                let (path, fragment) = SitePaths.split(reference)
                let located: SitePaths.Located = path.isEmpty ? .fragmentOnly
                    : SitePaths.resolve(path.percentDecoded, from: file).map(SitePaths.Located.path) ?? .outside
                XCTAssertEqual(read.located, located, "\(reference) from \(file)")
                XCTAssertEqual(read.fragment, fragment, "\(reference) from \(file)")
            }
        }
        XCTAssertGreaterThan(plain, 3_000, "too few plain references to tell")
    }

    /// The byte tests that tell eight bytes at once answer as the same tests a byte at a
    /// time, for texts drawn from the bytes at and around each bound (a space, `!`, `~`,
    /// DEL, 0x80, a tab, a line break) and the bytes each test excludes, at every place of a word.
    func testBytesToldEightAtOnceAreToldAsOneAtATime() {
        var generator = SeededGenerator(seed: 20261201)
        let special: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x0C, 0x0E, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xC3, 0xFF, 0x3A, 0x25, 0x3F, 0x23, 0x2F, 0x5F, 0x60, 0x40]
        var answers: [String: [Bool: Int]] = [:]
        for _ in 0..<20_000 {
            let bytes: [UInt8] = (0..<Int.random(in: 0..<25, using: &generator)).map { _ in
                Int.random(in: 0..<6, using: &generator) == 0 ? special.randomElement(using: &generator)! : UInt8.random(in: 0x21...0x7E, using: &generator)
            }
            let singleByte = bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D }
            let plain = bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "?") }
            let fieldBreak = bytes.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            bytes.withUnsafeBufferPointer { buffer in
                XCTAssertEqual(ByteSearch.isSingleByte(buffer), singleByte, "\(bytes)")
                XCTAssertEqual(ByteSearch.isPlainReference(buffer), plain, "\(bytes)")
                XCTAssertEqual(ByteSearch.holdsFieldBreak(buffer), fieldBreak, "\(bytes)")
            }
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self).isSingleByteText, String(decoding: bytes, as: UTF8.self).utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D })
            answers["single byte", default: [:]][singleByte, default: 0] += 1
            answers["plain", default: [:]][plain, default: 0] += 1
            answers["field break", default: [:]][fieldBreak, default: 0] += 1
        }
        for (test, counts) in answers {
            XCTAssertGreaterThan(counts[true] ?? 0, 1_000, test)
            XCTAssertGreaterThan(counts[false] ?? 0, 1_000, test)
        }
    }

    func testSamePageFragments() {
        XCTAssertEqual(resolver.resolve("#the-trial", from: "evidence.md").href(fromPage: "evidence/"), "#the-trial")
        XCTAssertEqual(resolver.resolve("#nope", from: "evidence.md"), .problem(.noAnchor(written: "#nope", fragment: "nope")))
    }

    func testAssetsAreLinkedFromTheSiteRoot() {
        let resolution = resolver.resolve("../images/scan.png", from: "services/psma.md")
        XCTAssertEqual(resolution, .asset(path: "images/scan.png"))
        XCTAssertEqual(resolution.href(fromPage: "services/psma/"), "../../images/scan.png")
    }

    func testExternalLinksStayAsWritten() {
        XCTAssertEqual(resolver.resolve("https://doi.org/10.1/x", from: "index.md"), .external("https://doi.org/10.1/x"))
        XCTAssertEqual(resolver.resolve("tel:+441753418444", from: "index.md"), .external("tel:+441753418444"))
    }

    func testProblems() {
        let expected: [String: Reason] = [
            "missing.md": .brokenLink, "../../outside.md": .brokenLink, "javascript:alert(1)": .forbiddenLink,
            "//evil.example/x": .forbiddenLink, "images/none.png": .brokenLink, "evidence/": .brokenLink,
            "evidence.md#none": .brokenAnchor, "images/scan.png#x": .brokenLink,
        ]
        for (destination, reason) in expected {
            guard case .problem(let problem) = resolver.resolve(destination, from: "index.md") else {
                return XCTFail("\(destination) resolved")
            }
            XCTAssertEqual(problem.reason, reason, destination)
        }
    }

    func testTemplateIDsAreLinkTargetsWhereThePageHasThem() {
        XCTAssertTrue(PageAnchors(headingIDs: [], hasReview: true, hasReferences: false).contains("review"))
        XCTAssertFalse(PageAnchors(headingIDs: [], hasReview: false, hasReferences: false).contains("review"))
        XCTAssertTrue(PageAnchors(headingIDs: [], hasReview: false, hasReferences: true).contains("references"))
        XCTAssertFalse(PageAnchors(headingIDs: [], hasReview: true, hasReferences: false).contains("references"))
        XCTAssertTrue(PageAnchors(headingIDs: [], hasReview: false, hasReferences: false).contains("main"))
        XCTAssertTrue(TemplateIDs.isReserved("review"))
        XCTAssertTrue(TemplateIDs.isReserved("ref-3"))
    }

    /// Headings are found among a few and among many (looked up in a set), and
    /// the ids' hash changes with any id, the review block or the reference list.
    func testPageAnchorsFindEveryHeadingAndHashEveryID() {
        for count in [0, 1, 16, 17, 200] {
            let ids = (0..<count).map { "heading-\($0)" }
            let anchors = PageAnchors(headingIDs: ids, hasReview: false, hasReferences: false)
            for id in ids { XCTAssertTrue(anchors.contains(id), "\(id) of \(count)") }
            XCTAssertFalse(anchors.contains("heading-\(count)"))
            XCTAssertFalse(anchors.contains(""))
        }
        let base = PageAnchors(headingIDs: ["a", "b"], hasReview: false, hasReferences: false)
        let others = [PageAnchors(headingIDs: ["a", "b"], hasReview: true, hasReferences: false),
                      PageAnchors(headingIDs: ["a", "b"], hasReview: false, hasReferences: true),
                      PageAnchors(headingIDs: ["a"], hasReview: false, hasReferences: false),
                      PageAnchors(headingIDs: ["a", "c"], hasReview: false, hasReferences: false),
                      PageAnchors(headingIDs: ["ab"], hasReview: false, hasReferences: false),
                      PageAnchors(headingIDs: ["a", "b", ""], hasReview: false, hasReferences: false)]
        XCTAssertEqual(Set(others.map(\.hash) + [base.hash]).count, others.count + 1)
        XCTAssertEqual(PageAnchors(headingIDs: ["a", "b"], hasReview: false, hasReferences: false).hash, base.hash)
    }
}

/// The path rules every stage shares.
final class SitePathsTests: XCTestCase {
    func testContentFilesGetCleanURLPaths() {
        XCTAssertEqual(SitePaths.urlPath(forContentFile: "index.md"), "")
        XCTAssertEqual(SitePaths.urlPath(forContentFile: "evidence.md"), "evidence/")
        XCTAssertEqual(SitePaths.urlPath(forContentFile: "centres/index.md"), "centres/")
        XCTAssertEqual(SitePaths.urlPath(forContentFile: "centres/oxford.md"), "centres/oxford/")
    }

    func testAFolderServesItsIndex() {
        XCTAssertEqual(SitePaths.servedFile(for: ""), "index.html")
        XCTAssertEqual(SitePaths.servedFile(for: "centres/"), "centres/index.html")
        XCTAssertEqual(SitePaths.servedFile(for: "styles.css"), "styles.css")
    }

    func testDotSegments() {
        XCTAssertEqual(SitePaths.resolve("../x/", from: "a/b/index.html"), "a/x/")
        XCTAssertEqual(SitePaths.resolve("..", from: "a/b/index.html"), "a/")
        XCTAssertEqual(SitePaths.resolve(".", from: "a/index.html"), "a/")
        XCTAssertEqual(SitePaths.resolve("./c.png", from: "a/index.html"), "a/c.png")
        XCTAssertEqual(SitePaths.resolve("/evidence.md", from: "services/psma.md"), "evidence.md")
        XCTAssertEqual(SitePaths.resolve("a//b", from: "index.md"), "a/b")
        XCTAssertEqual(SitePaths.resolve("..", from: "index.html"), nil)
        XCTAssertEqual(SitePaths.resolve("../../x", from: "a/index.html"), nil)
    }

    /// Paths resolved on their bytes are those resolved on their characters.
    func testDotSegmentsOnBytesAreDotSegmentsOnCharacters() {
        let paths = ["", ".", "..", "/", "//", "a", "a/", "./a", "../a", "a/../..", "a/./b/", "/a/b/../c", "a//b", "../../x", "x/..", "x/../", "...", "a/.../b"]
        let files = ["", "index.md", "a/index.md", "a/b/c.md", "/a/b.md", "a//b/c.md"]
        for path in paths {
            for file in files {
                let absolute = path.hasPrefix("/")
                let characters = SitePaths.resolve(path.split(separator: "/", omittingEmptySubsequences: false),
                                                   in: absolute ? [] : Array(file.split(separator: "/").dropLast()))
                XCTAssertEqual(SitePaths.resolveBytes(path, from: absolute ? "" : file), characters, "\(path) from \(file)")
            }
        }
        // And 2,000 drawn from segments, dots and slashes, each from every file.
        var generator = SeededGenerator(seed: 20261130)
        let pieces = ["/", "//", ".", "..", "...", "a", "bc", "d.md", "-"]
        for _ in 0..<2_000 {
            let path = (0..<Int.random(in: 0..<10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for file in files {
                let absolute = path.hasPrefix("/")
                let characters = SitePaths.resolve(path.split(separator: "/", omittingEmptySubsequences: false),
                                                   in: absolute ? [] : Array(file.split(separator: "/").dropLast()))
                XCTAssertEqual(SitePaths.resolveBytes(path, from: absolute ? "" : file), characters, "\(path) from \(file)")
            }
        }
    }

    func testBasePath() {
        XCTAssertEqual(SitePaths(baseURL: "https://h.example/uk/theranostics").basePath, "/uk/theranostics/")
        XCTAssertEqual(SitePaths(baseURL: "https://h.example").basePath, "/")
        XCTAssertEqual(SitePaths(baseURL: "https://h.example/t/").absoluteURL("a/"), "https://h.example/t/a/")
    }

    func testRelativeHrefs() {
        XCTAssertEqual(SitePaths.relative("", from: ""), "./")
        XCTAssertEqual(SitePaths.relative("", from: "a/b/"), "../../")
        XCTAssertEqual(SitePaths.relative("styles.css", from: "a/"), "../styles.css")
        // With a fragment: the href written in one piece is the pieces joined.
        for (target, page, fragment) in [("", "", "top"), ("", "a/b/", "x"), ("évidence/", "a/", "the-trial"), ("b/", "", nil),
                                         ("c/", "a/b/c/", ""), ("", "", nil)] as [(String, String, String?)] {
            let joined = String(repeating: "../", count: SitePaths.depth(page)) + target
            XCTAssertEqual(SitePaths.relative(target, from: page, fragment: fragment), (joined.isEmpty ? "./" : joined) + (fragment.map { "#" + $0 } ?? ""))
        }
        XCTAssertEqual(LinkResolution.page(path: "a/", fragment: "x").href(fromPage: "a/"), "#x")
        XCTAssertEqual(LinkResolution.page(path: "a/", fragment: nil).href(fromPage: "a/"), "../a/")
        XCTAssertEqual(LinkResolution.page(path: "b/", fragment: "y").href(fromPage: "a/"), "../b/#y")
        // A page's depth counted on its bytes is its segments split as characters (runs of `/` and all).
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "/", "//", "b-c", "é", "/\u{301}", "."]
        for _ in 0..<2_000 {
            let path = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(SitePaths.depth(path), path.split(separator: "/").count, path.debugDescription)
        }
    }
}
