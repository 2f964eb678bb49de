// swift-tools-version:6.2
import PackageDescription

// A libFuzzer target over the content pipeline's parsers, in a package of its
// own so that the main package's `swift test` is unaffected. Build and run it
// with `fuzz/run.sh [SECONDS]`, which also instruments the main package's
// modules (`--sanitize fuzzer --sanitize address`): the flags here only link
// the target (lld, since the default gold linker fails with libFuzzer).
let package = Package(
    name: "SiteFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TheranosticsSite", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "site-fuzz",
            dependencies: [.product(name: "SiteKit", package: "TheranosticsSite")],
            path: "Sources/SiteFuzz",
            // libFuzzer's own main calls the target's LLVMFuzzerTestOneInput.
            swiftSettings: [.treatAllWarnings(as: .error), .unsafeFlags(["-parse-as-library", "-sanitize=fuzzer"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer", "-use-ld=lld"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
