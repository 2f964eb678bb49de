import SiteModel

/// What the preview tells open pages after each build: how many builds
/// succeeded (the version pages are served from) and what the last one found.
public struct PreviewState: Codable, Sendable, Equatable {
    public struct Finding: Codable, Sendable, Equatable {
        public let file: String
        public let line: Int
        public let message: String

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.file
            line = diagnostic.line
            message = diagnostic.message
        }
    }

    /// Successful builds so far; pages reload when it grows.
    public var build = 0
    /// Builds tried so far.
    public var attempt = 0
    /// The last build's errors: while there are any, pages are served from the last good build.
    public var errors: [Finding] = []
    public var warnings: [Finding] = []
}
