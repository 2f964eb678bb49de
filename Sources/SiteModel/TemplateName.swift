/// The name of a template in `templates/`, without `.mustache`.
public struct TemplateName: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let page = TemplateName(rawValue: "page")
    public static let notFound = TemplateName(rawValue: "404")

    /// The template a page of `kind` gets when its front matter names none.
    public static func standard(for kind: Page.Kind) -> TemplateName {
        TemplateName(rawValue: kind.rawValue)
    }

    public var fileName: String { rawValue + ".mustache" }
    public var description: String { rawValue }

    public static func < (lhs: TemplateName, rhs: TemplateName) -> Bool { lhs.rawValue < rhs.rawValue }
}
