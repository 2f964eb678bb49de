import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import SiteModel
@testable import SitePipeline
@testable import SiteWrite

/// The swap replaces the output folder whole, so the build must never
/// delete what it did not write: foreign or changed files, a linked folder,
/// a folder inside the sources. Each refusal leaves the folder as it was.
final class OutputFolderTests: WorkspaceTestCase {
    var manifest: URL { workspace.folder.appendingPathComponent(".public.manifest.tsv") }

    func testAThesisBesideAnIndexIsKeptAndTheBuildNamesIt() throws {
        try FileManager.default.createDirectory(at: workspace.output, withIntermediateDirectories: true)
        try Data("<h1>my site</h1>".utf8).write(to: workspace.output.appendingPathComponent("index.html"))
        try Data("chapter 1".utf8).write(to: workspace.output.appendingPathComponent("thesis.docx"))
        let before = try snapshot(workspace.output)

        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.outputRefused], "\(errors)")
        XCTAssertEqual(errors.map(\.file), [workspace.output.path + "/thesis.docx"])
        XCTAssertEqual(errors.map(\.line), [1])
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testAFileAddedAfterABuildIsKeptAndNamedBeforeAnythingIsBuilt() throws {
        _ = try workspace.build()
        try Data("chapter 1".utf8).write(to: workspace.output.appendingPathComponent("about/thesis.docx"))
        try FileManager.default.createDirectory(at: workspace.output.appendingPathComponent("drafts"), withIntermediateDirectories: false)
        // A link is never followed, only named; Finder's view settings are no loss.
        try FileManager.default.createSymbolicLink(atPath: workspace.output.appendingPathComponent("latest").path, withDestinationPath: workspace.content.path)
        try Data("view".utf8).write(to: workspace.output.appendingPathComponent(".DS_Store"))
        let before = try snapshot(workspace.output)

        XCTAssertThrowsError(try workspace.build()) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(failure?.stage, .prepare)
            XCTAssertEqual(failure?.errors.reasons, [.outputRefused, .outputRefused, .outputRefused])
            XCTAssertEqual(failure?.errors.map(\.file), ["about/thesis.docx", "drafts/", "latest"].map { workspace.output.path + "/" + $0 })
        }
        XCTAssertEqual(try snapshot(workspace.output), before)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.output.appendingPathComponent("latest").path), workspace.content.path)
    }

    /// Below the top two levels, where the output is read on both cores, by
    /// descriptor: a FIFO and a link are named, and neither is opened or followed.
    #if canImport(Glibc)
    func testAFIFOAndALinkDeepInTheOutputAreNamedAndNeitherIsOpened() throws {
        _ = try workspace.build()
        let deep = workspace.output.appendingPathComponent("guides/a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(deep.appendingPathComponent("pipe").path, 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: deep.appendingPathComponent("latest").path, withDestinationPath: workspace.content.path)
        let before = try snapshot(workspace.output)
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, Array(repeating: .outputRefused, count: 5), "\(errors)")
        XCTAssertEqual(errors.map(\.file), ["guides/", "guides/a/", "guides/a/b/", "guides/a/b/latest", "guides/a/b/pipe"].map { workspace.output.path + "/" + $0 })
        XCTAssertEqual(try snapshot(workspace.output), before)
    }
    #endif

    /// What `readdir` says of an entry, and `lstat` where it does not (`DT_UNKNOWN`, on some file systems).
    /// A folder's entries as the walks read them (on Linux by `getdents64`, many
    /// buffers' worth here): every name once, `.` and `..` passed over, each type
    /// and, for files, the stamp `lstat` gives; a subfolder never opened through a link.
    func testAFoldersEntriesAreReadAsLstatSeesThem() throws {
        let fileManager = FileManager.default
        let folder = workspace.folder.appendingPathComponent("entries")
        try fileManager.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        var expected: [String: FileTree.EntryType] = ["sub": .folder]
        for index in 0..<1_500 {
            let name = (index % 3 == 0 ? ".hidden-" : "page-") + String(repeating: "é", count: index % 40) + "-\(index).html"
            try Data("\(index)".utf8).write(to: folder.appendingPathComponent(name))
            expected[name] = .file
        }
        try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "sub")
        expected["link"] = .link
        var found: [String: FileTree.EntryType] = [:]
        let opened = try OpenFolder(path: folder.path)
        try opened.forEachEntry(stamping: true) { name, type, stamp in
            let text = String(decoding: name, as: UTF8.self)
            XCTAssertNil(found.updateValue(type, forKey: text), "\(text) twice")
            let path = folder.appendingPathComponent(text).path
            XCTAssertEqual(stamp, type == .file ? FileStamp(path: path) : nil, text)
        }
        XCTAssertEqual(found, expected)
        XCTAssertThrowsError(try OpenFolder("link", in: opened))
        XCTAssertThrowsError(try OpenFolder(path: folder.appendingPathComponent("page--1.html").path))
        var inside: [String] = []
        try OpenFolder("sub", in: opened).forEachEntry(stamping: false) { name, _, _ in inside.append(String(decoding: name, as: UTF8.self)) }
        XCTAssertEqual(inside, [])
    }

    func testEntryTypesFromReaddirAndFromLstat() {
        XCTAssertNil(FileTree.EntryType(direntType: Int(DT_UNKNOWN)))
        XCTAssertEqual([DT_REG, DT_DIR, DT_LNK, DT_FIFO, DT_SOCK, DT_CHR].map { FileTree.EntryType(direntType: Int($0)) },
                       [.file, .folder, .link, .other, .other, .other])
        XCTAssertEqual([S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR].map { FileTree.EntryType(mode: $0 | 0o644) },
                       [.file, .folder, .link, .other, .other, .other])
    }

    /// The output folder is looked at while the content is read: a foreign file there
    /// is still what the build reports first, before a broken page, and nothing is written.
    func testAForeignFileIsNamedBeforeTheContentsErrors() throws {
        _ = try workspace.build()
        try Data("chapter 1".utf8).write(to: workspace.output.appendingPathComponent("about/thesis.docx"))
        try workspace.edit("about.md", replacing: "kind: page", with: "kind: article")
        let before = try snapshot(workspace.output)
        XCTAssertThrowsError(try workspace.build()) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(failure?.stage, .prepare)
            XCTAssertEqual(failure?.errors.map(\.file), [workspace.output.path + "/about/thesis.docx"])
        }
        XCTAssertEqual(try snapshot(workspace.output), before)
        let staged = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).filter { $0.contains("staging") }
        XCTAssertEqual(staged, [])
    }

    /// The output is read, and the staged site's folders made, on both cores below the top
    /// two levels: what lies deeper is made by the build and found when foreign.
    func testFoldersBelowTheTopTwoLevelsAreMadeAndRead() throws {
        for (index, path) in ["guides/a/b/deep.md", "guides/a/b/c/deeper.md", "guides/x/y/z/w/deepest.md"].enumerated() {
            try workspace.write(path, """
                ---
                kind: page
                title: Deep page \(index)
                description: A page some folders down.
                reviewed: 2026-01-10
                next_review: 2027-01-10
                reviewed_by: Fixture clinical team
                ---

                Short text.

                """)
        }
        _ = try workspace.build()
        for page in ["guides/a/b/deep/index.html", "guides/a/b/c/deeper/index.html", "guides/x/y/z/w/deepest/index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.output.appendingPathComponent(page).path), page)
        }
        _ = try workspace.build()
        let notes = workspace.output.appendingPathComponent("guides/a/b/notes/old")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("chapter 1".utf8).write(to: notes.appendingPathComponent("thesis.docx"))
        try Data("chapter 2".utf8).write(to: workspace.output.appendingPathComponent("guides/x/y/z/w/deepest/draft.docx"))
        let before = try snapshot(workspace.output)

        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, Array(repeating: .outputRefused, count: 4), "\(errors)")
        XCTAssertEqual(errors.map(\.file), ["guides/a/b/notes/", "guides/a/b/notes/old/", "guides/a/b/notes/old/thesis.docx",
                                            "guides/x/y/z/w/deepest/draft.docx"].map { workspace.output.path + "/" + $0 })
        XCTAssertEqual(try snapshot(workspace.output), before)
    }

    func testAFileChangedByHandAfterABuildMakesTheNextRefuse() throws {
        _ = try workspace.build()
        try assertAChangeByHandIsNamed(workspace.output.appendingPathComponent("about/index.html"))
    }

    /// `page` changed by hand, its size the same and one byte different (only the
    /// hash tells): the build names it and leaves the folder as it was.
    func assertAChangeByHandIsNamed(_ page: URL, line: UInt = #line) throws {
        var bytes = try Data(contentsOf: page)
        let index = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "A")), line: line)
        bytes[index] = UInt8(ascii: "B")
        try bytes.write(to: page)
        let before = try snapshot(workspace.output)

        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.outputChanged], "\(errors)", line: line)
        XCTAssertEqual(errors.map(\.file), [page.path], line: line)
        XCTAssertEqual(try snapshot(workspace.output), before, line: line)
    }

    func testAFolderOfAnOlderBuildWithoutAManifestIsReplaced() throws {
        _ = try workspace.build()
        let fresh = try snapshot(workspace.output)
        try FileManager.default.removeItem(at: manifest)
        // An older build wrote the same files with other contents.
        try Data("<p>older</p>".utf8).write(to: workspace.output.appendingPathComponent("about/index.html"))

        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), fresh)
        XCTAssertNotNil(OutputManifest.read(from: manifest))
    }

    func testAnEmptyFolderIsUsedAndTheManifestListsWhatWasWritten() throws {
        try FileManager.default.createDirectory(at: workspace.output, withIntermediateDirectories: true)
        let report = try workspace.build()

        let written = try XCTUnwrap(OutputManifest.read(from: manifest))
        XCTAssertEqual(written.files.count, report.files)
        XCTAssertEqual(Set(written.files.map(\.path)), Set(try FileTree.files(in: workspace.output)))
        let home = try XCTUnwrap(written.files.first { $0.path == "index.html" })
        XCTAssertEqual(home.hash, FileHash.hash(try Data(contentsOf: workspace.output.appendingPathComponent("index.html"))))
        XCTAssertTrue(written.folders.contains("about"))
    }

    func testTheManifestReadsBackAsWritten() throws {
        var written = OutputManifest(folders: ["about", "centres"], files: [
            .init(path: "index.html", size: 120, hash: "0123456789abcdef", stamp: nil),
            .init(path: "about/index.html", size: 0, hash: "fedcba9876543210"),
        ])
        written.files[1].inode = 42
        written.files[1].modified = -1_000_000_007
        XCTAssertEqual(OutputManifest.decode(try written.encoded()), written)
        // The lines as the builds before wrote them, which builds still read.
        XCTAssertEqual(String(decoding: try written.encoded(), as: UTF8.self), """
            site-output-manifest 3
            compression\t
            folder\tabout
            folder\tcentres
            file\tabout/index.html\t0\tfedcba9876543210\t-\t-
            file\tindex.html\t120\t0123456789abcdef\t42\t-1000000007

            """)
        // A name that would break its line is refused, named.
        for path in ["a\tb.html", "a\nb.html", "a\rb.html"] {
            let broken = OutputManifest(folders: [], files: [.init(path: path, size: 1, hash: "0123456789abcdef")])
            XCTAssertThrowsError(try broken.encoded()) { XCTAssertTrue("\($0)".contains(path.debugDescription), "\($0)") }
            XCTAssertThrowsError(try OutputManifest(folders: [path], files: []).encoded())
        }
        written.compression = "gzip 6, brotli 5"
        XCTAssertEqual(OutputManifest.decode(try written.encoded()), written)
        // Many files, written in parts on both cores: in order, each line as one alone would be.
        let many = OutputManifest(folders: ["f"], files: (0..<5_000).map { .init(path: "f/p\($0).html", size: $0, hash: "0123456789abcdef") })
        let text = String(decoding: try many.encoded(), as: UTF8.self)
        XCTAssertEqual(text, "site-output-manifest 3\ncompression\t\nfolder\tf\n" + many.files.map { "file\t\($0.path)\t\($0.size)\t0123456789abcdef\t-\t-\n" }.joined())
        XCTAssertEqual(OutputManifest.decode(Data(text.utf8)), many)
        var broken = many
        broken.files[4_321] = .init(path: "f/a\tb.html", size: 1, hash: "0123456789abcdef")
        XCTAssertThrowsError(try broken.encoded()) { XCTAssertTrue("\($0)".contains("a\\tb.html"), "\($0)") }
        XCTAssertEqual(OutputManifest.decode(try OutputManifest(folders: [], files: []).encoded()), OutputManifest(folders: [], files: []))
    }

    /// A file is found by halves in the manifest's sorted files, as `filesByPath` has it.
    func testAFileOfTheManifestIsFoundByItsPath() throws {
        let paths = ["a/index.html", "a/b/index.html", "index.html", "styles.css", "z", "é/index.html", "A", "a b", "a-b", "a/"]
        let manifest = OutputManifest(folders: [], files: paths.enumerated().map { .init(path: $1, size: $0, hash: "0123456789abcdef") })
        for path in paths {
            XCTAssertEqual(manifest.file(at: path), manifest.filesByPath[path], path)
            XCTAssertNotNil(manifest.file(at: path), path)
        }
        for missing in ["", "a", "b/index.html", "index.htm", "zz", "é"] { XCTAssertNil(manifest.file(at: missing), missing) }
        XCTAssertTrue(manifest.isSorted)
        var unsorted = manifest
        unsorted.files.swapAt(0, 5)
        XCTAssertFalse(unsorted.isSorted)
        // A path listed twice: the first of it, as `filesByPath` takes.
        var twice = OutputManifest(folders: [], files: [.init(path: "a", size: 1, hash: "0123456789abcdef"), .init(path: "a", size: 2, hash: "0123456789abcdef")])
        XCTAssertEqual(twice.file(at: "a")?.size, twice.filesByPath["a"]?.size)
        twice.files.removeAll()
        XCTAssertNil(twice.file(at: "a"))
        XCTAssertEqual(TabSeparated.lineCount(try manifest.encoded()), 2 + paths.count)
        for (text, lines) in [("", 0), ("\n", 1), ("a", 0), ("a\nb", 1), ("a\n\n", 2)] { XCTAssertEqual(TabSeparated.lineCount(Data(text.utf8)), lines, text) }
    }

    /// A manifest whose files are out of order (written by hand) is read as well: its files are looked up in a table.
    func testAManifestOutOfOrderStillNamesWhatItsBuildWrote() throws {
        _ = try workspace.build()
        var written = try XCTUnwrap(OutputManifest.read(from: manifest))
        written.files.reverse()
        XCTAssertFalse(written.isSorted)
        try written.encoded().write(to: manifest)
        let fresh = try snapshot(workspace.output)
        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), fresh)
        written = try XCTUnwrap(OutputManifest.read(from: manifest))
        written.files.reverse()
        try written.encoded().write(to: manifest)
        try Data("notes".utf8).write(to: workspace.output.appendingPathComponent("about/notes.txt"))
        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.outputRefused], "\(errors)")
        XCTAssertEqual(errors.map(\.file), [workspace.output.path + "/about/notes.txt"])
    }

    func testAManifestThatIsNotOneOfOursIsNoManifest() throws {
        let good = String(decoding: try OutputManifest(folders: ["about"], files: [
            .init(path: "about/index.html", size: 12, hash: "0123456789abcdef"),
        ]).encoded(), as: UTF8.self)
        XCTAssertNotNil(OutputManifest.decode(Data(good.utf8)))
        let broken = [
            "",
            #"{"files": [], "folders": [], "version": 1}"#,  // the JSON of earlier builds
            String(good.dropLast()),  // cut short
            good.replacingOccurrences(of: "site-output-manifest 3", with: "site-output-manifest 4"),
            good.replacingOccurrences(of: "site-output-manifest 3", with: "site-output-manifest 0"),
            good.replacingOccurrences(of: "site-output-manifest 3", with: "site-output-manifest 3\textra"),
            good.replacingOccurrences(of: "\t12\t", with: "\ttwelve\t"),
            good.replacingOccurrences(of: "0123456789abcdef", with: "0123456789ABCDEF"),
            good.replacingOccurrences(of: "0123456789abcdef", with: "0123"),
            good.replacingOccurrences(of: "\t-\t-", with: "\t7\t-"),
            good.replacingOccurrences(of: "\t-\t-", with: "\t-\t-\textra"),
            good.replacingOccurrences(of: "folder\t", with: "directory\t"),
            good.replacingOccurrences(of: "compression\t", with: "levels\t"),
        ]
        for text in broken {
            XCTAssertNil(OutputManifest.decode(Data(text.utf8)), text.debugDescription)
        }
        XCTAssertThrowsError(try OutputManifest(folders: [], files: [.init(path: "a\tb.html", size: 1, hash: "0123456789abcdef")]).encoded())
        XCTAssertThrowsError(try OutputManifest(folders: ["a\nb"], files: []).encoded())
    }

    func testABrokenManifestCountsAsNoneAndTheFormerJSONOneIsRemoved() throws {
        _ = try workspace.build()
        let fresh = try snapshot(workspace.output)
        try Data("site-output-manifest 1\nfile\tindex.html\n".utf8).write(to: manifest)
        let former = workspace.folder.appendingPathComponent(".public.manifest.json")
        try Data(#"{"files": [], "folders": [], "version": 1}"#.utf8).write(to: former)

        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), fresh)
        XCTAssertNotNil(OutputManifest.read(from: manifest))
        XCTAssertFalse(FileManager.default.fileExists(atPath: former.path))
    }

    /// Earlier builds of the tool wrote the manifest as JSON: their folder is still theirs.
    func testTheFormerJSONManifestStillNamesWhatItsBuildWrote() throws {
        _ = try workspace.build()
        let fresh = try snapshot(workspace.output)
        let written = try XCTUnwrap(OutputManifest.read(from: manifest))
        // A compressed copy, as a build with --compress left it.
        let copy = Data("compressed".utf8)
        try copy.write(to: workspace.output.appendingPathComponent("index.html.gz"))
        // Its hashes FNV-1a's, as those builds made them.
        let files = try written.files.map { file in
            let read = try XCTUnwrap(FNV1a64.hash(file: workspace.output.appendingPathComponent(file.path).path))
            return ["path": file.path, "size": read.size, "fnv1a64": read.hash] as [String: Any]
        }
            + [["path": "index.html.gz", "size": copy.count, "fnv1a64": FNV1a64.hash(copy)]]
        let json = try JSONSerialization.data(withJSONObject: ["version": 1, "folders": written.folders, "files": files, "compression": "gzip 6, brotli 5"])
        let former = workspace.folder.appendingPathComponent(".public.manifest.json")
        try FileManager.default.removeItem(at: manifest)

        // Without it, the copy is a file the build did not write: refused, the folder left as it was.
        let refused = try snapshot(workspace.output)
        XCTAssertEqual(workspace.failingBuild().reasons, [.outputRefused])
        XCTAssertEqual(try snapshot(workspace.output), refused)
        // A manifest that is not one of ours is none: the same.
        try Data("site-output-manifest 1\nfile\tindex.html\n".utf8).write(to: manifest)
        XCTAssertEqual(workspace.failingBuild().reasons, [.outputRefused])
        XCTAssertEqual(try snapshot(workspace.output), refused)
        try FileManager.default.removeItem(at: manifest)
        try json.write(to: former)
        XCTAssertEqual(OutputLocation(workspace.output.path).readManifest()?.files.count, written.files.count + 1)
        _ = try workspace.build()
        XCTAssertEqual(try snapshot(workspace.output), fresh)
        XCTAssertFalse(FileManager.default.fileExists(atPath: former.path))
        XCTAssertEqual(OutputManifest.read(from: manifest)?.files.count, written.files.count)
    }

    func testAFailedFirstBuildMakesNoFolderForItsOutput() throws {
        try workspace.edit("centres/oxford.md", replacing: "OX4 6LB", with: "OX4")
        var options = workspace.options()
        options.output = workspace.folder.appendingPathComponent("deploy/public").path
        XCTAssertThrowsError(try SiteBuilder(options: options).build())
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent("deploy").path))
    }

    /// Builds before `FileHash` wrote manifests of version 1, of FNV-1a's hashes,
    /// and of version 2, of `WordHash`'s: a file written again with its own bytes
    /// (a stamp the manifest does not have) is read and checked with the manifest's
    /// hash, and is still the build's; one changed by hand is named. The next
    /// build writes version 3.
    func testManifestsOfEarlierVersionsAreCheckedWithTheirOwnHashes() throws {
        let versions: [(Int, FileHashing, (String) -> (size: Int, hash: String)?)] = [
            (1, .fnv1a64, { FNV1a64.hash(file: $0) }), (2, .wordHash, { WordHash.hash(file: $0) }),
        ]
        for (version, hashing, hash) in versions {
            workspace = try Workspace()
            _ = try workspace.build()
            let fresh = try snapshot(workspace.output)
            func writeEarlierVersion() throws {
                let written = try XCTUnwrap(OutputManifest.read(from: manifest))
                XCTAssertEqual(written.hashing, .fileHash)
                var former = OutputManifest(folders: written.folders, files: try written.files.map { file in
                    let read = try XCTUnwrap(hash(workspace.output.appendingPathComponent(file.path).path))
                    XCTAssertNotEqual(read.hash, file.hash, "version \(version), \(file.path)")
                    var record = OutputManifest.File(path: file.path, size: read.size, hash: read.hash)
                    (record.inode, record.modified) = (file.inode, file.modified)
                    return record
                })
                former.hashing = hashing
                let encoded = try former.encoded()
                XCTAssertTrue(String(decoding: encoded, as: UTF8.self).hasPrefix("site-output-manifest \(version)\n"))
                XCTAssertEqual(OutputManifest.decode(encoded), former)
                try encoded.write(to: manifest)
            }
            try writeEarlierVersion()
            let page = workspace.output.appendingPathComponent("about/index.html")
            let bytes = try Data(contentsOf: page)
            try FileManager.default.removeItem(at: page)
            try bytes.write(to: page)

            _ = try workspace.build()
            XCTAssertEqual(try snapshot(workspace.output), fresh)
            let next = try XCTUnwrap(OutputManifest.read(from: manifest))
            XCTAssertEqual(next.hashing, .fileHash)
            XCTAssertTrue(String(decoding: try Data(contentsOf: manifest), as: UTF8.self).hasPrefix("site-output-manifest 3\n"))
            for file in next.files {
                XCTAssertEqual(FileHash.hash(file: workspace.output.appendingPathComponent(file.path).path)?.hash, file.hash, file.path)
            }

            // The earlier hash tells a change by hand.
            try writeEarlierVersion()
            try assertAChangeByHandIsNamed(page)
        }
    }

    func testFNV1a64MatchesPublishedValues() {
        XCTAssertEqual(FNV1a64.hash(Data()), "cbf29ce484222325")
        XCTAssertEqual(FNV1a64.hash(Data("a".utf8)), "af63dc4c8601ec8c")
        XCTAssertEqual(FNV1a64.hash(Data("foobar".utf8)), "85944171f73967e8")
    }

    func testAnOutputThatIsASymbolicLinkIsRefusedAndItsTargetUntouched() throws {
        let target = workspace.folder.appendingPathComponent("deploy/site")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("<h1>live</h1>".utf8).write(to: target.appendingPathComponent("index.html"))
        try Data("keep".utf8).write(to: target.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(atPath: workspace.output.path, withDestinationPath: "deploy/site")
        let before = try snapshot(target)

        let errors = workspace.failingBuild()
        XCTAssertEqual(errors.reasons, [.outputSymlink], "\(errors)")
        XCTAssertEqual(errors.map(\.file), [workspace.output.path])
        XCTAssertEqual(try snapshot(target), before)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.output.path), "deploy/site")
    }

    func testAnOutputPathThroughALinkAndThenUpIsRefused() throws {
        let elsewhere = workspace.folder.appendingPathComponent("deploy/site")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: workspace.folder.appendingPathComponent("link"), withDestinationURL: elsewhere)
        var options = workspace.options()
        // Foundation reads this as <folder>/public, the kernel as <folder>/deploy/public.
        options.output = workspace.folder.path + "/link/../public"

        XCTAssertThrowsError(try SiteBuilder(options: options).build()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.reasons, [.outputSymlink], "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent("deploy/public").path))
    }

    func testAnOutputInsideTheContentOrTheTemplatesIsRefused() throws {
        let templates = workspace.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        let content = try snapshot(workspace.content)
        for output in [workspace.content.appendingPathComponent("out"), templates.appendingPathComponent("static/site")] {
            var options = workspace.options(templates: templates)
            options.output = output.path
            XCTAssertThrowsError(try SiteBuilder(options: options).build()) { error in
                XCTAssertEqual((error as? BuildFailure)?.errors.reasons, [.outputInSources], "\(error)")
                XCTAssertEqual((error as? BuildFailure)?.errors.map(\.file), [output.path])
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        }
        XCTAssertEqual(try snapshot(workspace.content), content)
    }

    /// The site the swap moved aside goes by its manifest's list; whatever else
    /// it holds by then goes as a folder does, and a link inside it is removed,
    /// never followed.
    func testTheReplacedSiteIsRemovedByItsManifest() throws {
        let fileManager = FileManager.default
        let old = workspace.folder.appendingPathComponent(".public.old-1")
        let files = ["index.html", "a/index.html", "a/b/index.html", "a/b/c/index.html", "styles.css"]
        let manifest = OutputManifest(folders: ["a", "a/b", "a/b/c", "empty"],
                                      files: files.map { .init(path: $0, size: 4, hash: "0123456789abcdef") })
        func make(_ files: [String]) throws {
            for folder in manifest.folders {
                try fileManager.createDirectory(at: old.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for file in files { try Data("page".utf8).write(to: old.appendingPathComponent(file)) }
        }
        // A folder of the user's with files of the same names as the site's: never reached through a link.
        let victim = workspace.folder.appendingPathComponent("mine")
        try fileManager.createDirectory(at: victim.appendingPathComponent("c"), withIntermediateDirectories: true)
        for file in ["index.html", "c/index.html"] { try Data("mine".utf8).write(to: victim.appendingPathComponent(file)) }
        let mine = try snapshot(victim)
        let content = try snapshot(workspace.content)
        let cases: [(String, () throws -> Void, OutputManifest?)] = [
            ("as listed", { try make(files) }, manifest),
            ("listed files missing", { try make(Array(files.prefix(2))) }, manifest),
            ("a file added since", { try make(files + ["a/b/notes.txt"]) }, manifest),
            ("a link to the content", {
                try make(files)
                try fileManager.createSymbolicLink(at: old.appendingPathComponent("a/b/content"), withDestinationURL: self.workspace.content)
            }, manifest),
            ("no manifest", { try make(files) }, nil),
            ("a top folder made a link to another folder since", {
                try make(files)
                try fileManager.removeItem(at: old.appendingPathComponent("a"))
                try fileManager.createSymbolicLink(at: old.appendingPathComponent("a"), withDestinationURL: victim)
            }, manifest),
            ("a listed folder made a link to another folder since", {
                try make(files)
                try fileManager.removeItem(at: old.appendingPathComponent("a/b"))
                try fileManager.createSymbolicLink(at: old.appendingPathComponent("a/b"), withDestinationURL: victim)
            }, manifest),
        ]
        for (name, prepare, listed) in cases {
            try prepare()
            OutputWriter.Staged.remove(old, listed: listed)
            XCTAssertFalse(fileManager.fileExists(atPath: old.path), name)
            XCTAssertEqual(try snapshot(workspace.content), content, name)
            XCTAssertEqual(try snapshot(victim), mine, name)
        }
    }
}
