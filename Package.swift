// swift-tools-version:6.2
import PackageDescription

// One target per stage of the pipeline, each depending only on the stages
// before it (load -> validate -> render -> write, then check), so a stage
// that reaches back is a compile error. Warnings are errors in our own code.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "TheranosticsSite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "site", targets: ["site"]),
        .library(name: "SiteKit", targets: [
            "SiteModel", "SiteMarkdown", "SiteLoad", "SiteValidate", "SiteEditorial", "SiteRender", "SiteWrite", "SiteCheck",
            "SiteScaffold", "SitePipeline", "SitePreview",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev; macOS: Homebrew's cmark).
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // libxml2: its HTML parser checks the built pages, its XML parser reads SVG images (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libxml2, Brotli's encoder, libwebp and libcurl, each loaded only when the tool first calls it:
        // the release tool starts without them (libxml2 with ICU took a tenth of a small build's time,
        // libcurl's 25 libraries half the tool's start); libcurl4-openssl-dev for libcurl's header.
        .target(name: "CLibrariesOnDemand", dependencies: ["CLibXML2", "CBrotli", "CWebP"]),
        // stb_image's header (Debian: libstb-dev; macOS: Homebrew's stb), for the
        // width and height of PNG, JPEG and GIF images; CStbInfo compiles the
        // part that reads them (stbi_info) once.
        .systemLibrary(
            name: "CStb",
            pkgConfig: "stb",
            providers: [.apt(["libstb-dev"]), .brew(["stb"])]
        ),
        .target(name: "CStbInfo", dependencies: ["CStb"]),
        // libwebp's decoder, for the width and height of WebP images (Debian: libwebp-dev).
        .systemLibrary(
            name: "CWebP",
            pkgConfig: "libwebp",
            providers: [.apt(["libwebp-dev"]), .brew(["webp"])]
        ),
        // zlib and Brotli's encoder, for the `.gz` and `.br` copies of `site build --compress`
        // (Debian: zlib1g-dev, libbrotli-dev; macOS: zlib is in the SDK, Homebrew's brotli);
        // Brotli's decoder only for the tests that read them back.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"]), .brew(["brotli"])]),
        .systemLibrary(name: "CBrotliDecoder", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"]), .brew(["brotli"])]),
        // The running program's build ID (the linker's hash of it) from its ELF notes in memory:
        // the cache's key for the tool, instead of hashing its 90 MB file.
        .target(name: "CBuildID"),
        // A folder's entries by descriptor (Linux's getdents64), for the walks of large trees.
        .target(name: "CFolderEntries"),
        // The shared vocabulary: the content model, paths and URLs, diagnostics.
        .target(name: "SiteModel", dependencies: ["CFolderEntries"], swiftSettings: strict),
        // libcmark's allocations in an arena for each document, given back whole with it.
        .target(name: "CMarkArena", dependencies: ["CMark"]),
        // CommonMark through libcmark: outlines for validation, HTML for pages.
        .target(name: "SiteMarkdown", dependencies: ["SiteModel", "CMark", "CMarkArena"], swiftSettings: strict),
        // Stage 1: reads content/ (front matter with Yams, bodies with libcmark).
        .target(name: "SiteLoad", dependencies: ["SiteModel", "SiteMarkdown", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        // Stage 2: the content model's rules; turns loaded files into a `Site`.
        .target(name: "SiteValidate",
                dependencies: [
                    "SiteModel", "SiteMarkdown", "SiteLoad", "CLibXML2", "CStbInfo", "CWebP", .product(name: "Yams", package: "Yams"),
                    .target(name: "CLibrariesOnDemand", condition: .when(platforms: [.linux])),
                ],
                swiftSettings: strict),
        // A text's words, syllables and sentences, its bytes read 64 at a time (AVX2 or SSE2 where there is).
        .target(name: "CTextCounts"),
        // Editorial checks on the validated site: reading level, claims, evidence, telephone numbers.
        .target(name: "SiteEditorial", dependencies: ["SiteModel", "SiteMarkdown", "CTextCounts"], swiftSettings: strict),
        // Stage 3: pages through Mustache templates, the centre index, sitemap, JSON-LD.
        // The centre map's coastline (Natural Earth, exported by tools/export-coastline.R) is compiled in:
        // no resource folder to find at run time (a bundle lookup cost more than the rest of a small build).
        .target(name: "SiteRender", dependencies: ["SiteModel", "SiteMarkdown", .product(name: "Mustache", package: "swift-mustache")],
                resources: [.embedInCode("Resources/england-wales.json")],
                swiftSettings: strict),
        // Stage 4: stages the files beside the output folder (compressed copies too) and swaps them in.
        .target(name: "SiteWrite",
                dependencies: ["SiteModel", "CZlib", "CBrotli", .target(name: "CLibrariesOnDemand", condition: .when(platforms: [.linux]))],
                swiftSettings: strict),
        // Stage 5: reads a built site and reports what is broken (external links through URLSession).
        .target(name: "SiteCheck",
                dependencies: [
                    "SiteModel", "CLibXML2", .target(name: "CLibrariesOnDemand", condition: .when(platforms: [.linux])),
                ],
                swiftSettings: strict),
        // `site new`: content files ready to fill in, their values written by the loader's YAML emitter.
        .target(name: "SiteScaffold", dependencies: ["SiteModel", "SiteLoad"], swiftSettings: strict),
        // The stages in order, timed, with their diagnostics.
        .target(name: "SitePipeline",
                dependencies: ["SiteModel", "SiteLoad", "SiteValidate", "SiteEditorial", "SiteRender", "SiteWrite", "SiteCheck", "CBuildID"],
                swiftSettings: strict),
        // `site serve`: the live site on loopback, rebuilt on every change, as a web host serves it.
        .target(name: "SitePreview",
                dependencies: [
                    "SiteModel", "SitePipeline",
                    .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
                ],
                resources: [.embedInCode("Resources/reload.js"), .embedInCode("Resources/preview.css")],
                swiftSettings: strict),
        .executableTarget(
            name: "site",
            dependencies: [
                "SiteModel", "SiteMarkdown", "SiteLoad", "SiteValidate", "SiteEditorial", "SiteRender", "SiteCheck", "SiteScaffold",
                "SitePipeline", "SitePreview", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // jemalloc in place of glibc's malloc: a build allocates millions of small strings and nodes
            // on both cores, and spent an eighth of its time in glibc's allocator (bench/README.md).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "SiteTests",
            dependencies: [
                "SiteModel", "SiteMarkdown", "SiteLoad", "SiteValidate", "SiteEditorial", "SiteRender", "SiteWrite", "SiteCheck",
                "SiteScaffold", "SitePipeline", "SitePreview", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingSocks", package: "FlyingFox"), "CZlib", "CBrotliDecoder", "CBuildID", "CMarkArena", "CTextCounts",
            ],
            exclude: ["Golden"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
