// swift-tools-version:6.2
import PackageDescription

// A libFuzzer target over the content pipeline's parsers, in a package of its
// own so that the main package's `swift test` is unaffected. Build and run it
// with `fuzz/run.sh [SECONDS]`, which instruments every module, the main
// package's too (`-Xswiftc -sanitize=fuzzer,address`; one flag, since of two
// `-sanitize=` flags only the last counts). The flags here make this target
// the fuzzer: libFuzzer's main calls its LLVMFuzzerTestOneInput, linked with
// lld (the default gold linker fails with libFuzzer).
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
            swiftSettings: [.treatAllWarnings(as: .error), .unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
