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
            "SiteModel", "SiteMarkdown", "SiteLoad", "SiteValidate", "SiteRender", "SiteWrite", "SiteCheck",
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
        // libxml2's HTML parser, for checking the built pages (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The shared vocabulary: the content model, paths and URLs, diagnostics.
        .target(name: "SiteModel", swiftSettings: strict),
        // CommonMark through libcmark: outlines for validation, HTML for pages.
        .target(name: "SiteMarkdown", dependencies: ["SiteModel", "CMark"], swiftSettings: strict),
        // Stage 1: reads content/ (front matter with Yams, bodies with libcmark).
        .target(name: "SiteLoad", dependencies: ["SiteModel", "SiteMarkdown", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        // Stage 2: the content model's rules; turns loaded files into a `Site`.
        .target(name: "SiteValidate",
                dependencies: ["SiteModel", "SiteMarkdown", "SiteLoad", "CLibXML2", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        // Stage 3: pages through Mustache templates, the centre index, sitemap, JSON-LD.
        // The centre map's coastline (Natural Earth, exported by tools/export-coastline.R) is a resource.
        .target(name: "SiteRender", dependencies: ["SiteModel", "SiteMarkdown", .product(name: "Mustache", package: "swift-mustache")],
                resources: [.copy("Resources/england-wales.json")],
                swiftSettings: strict),
        // Stage 4: stages the files beside the output folder and swaps them in.
        .target(name: "SiteWrite", dependencies: ["SiteModel"], swiftSettings: strict),
        // Stage 5: reads a built site and reports what is broken.
        .target(name: "SiteCheck", dependencies: ["SiteModel", "CLibXML2"], swiftSettings: strict),
        // `site new`: content files ready to fill in, their values written by the loader's YAML emitter.
        .target(name: "SiteScaffold", dependencies: ["SiteModel", "SiteLoad"], swiftSettings: strict),
        // The stages in order, timed, with their diagnostics.
        .target(name: "SitePipeline", dependencies: ["SiteModel", "SiteLoad", "SiteValidate", "SiteRender", "SiteWrite", "SiteCheck"],
                swiftSettings: strict),
        // `site serve`: the live site on loopback, rebuilt on every change, as a web host serves it.
        .target(name: "SitePreview",
                dependencies: [
                    "SiteModel", "SitePipeline",
                    .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
                ],
                resources: [.copy("Resources/reload.js"), .copy("Resources/preview.css")],
                swiftSettings: strict),
        .executableTarget(
            name: "site",
            dependencies: [
                "SiteModel", "SiteMarkdown", "SiteLoad", "SiteValidate", "SiteCheck", "SiteScaffold", "SitePipeline", "SitePreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SiteTests",
            dependencies: [
                "SiteModel", "SiteMarkdown", "SiteLoad", "SiteValidate", "SiteRender", "SiteWrite", "SiteCheck",
                "SiteScaffold", "SitePipeline", "SitePreview", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            exclude: ["Golden"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
