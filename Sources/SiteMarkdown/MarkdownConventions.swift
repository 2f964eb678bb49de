import CMark
import Foundation

/// The two conventions beyond CommonMark and the alert syntax: a link
/// titled "button" is a call to action, an image titled "decorative" has no
/// alt text on purpose.
enum MarkdownConventions {
    static let button = "button"
    static let decorative = "decorative"

    /// Whether a link or image is all its paragraph holds.
    static func standsAlone(_ node: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(node), MarkdownNode.type(parent) == CMARK_NODE_PARAGRAPH else { return false }
        return cmark_node_previous(node) == nil && cmark_node_next(node) == nil
    }

    /// An image's alt text: the plain text of its description, trimmed.
    static func altText(_ image: OpaquePointer) -> String {
        MarkdownNode.plainText(image).trimmingCharacters(in: .whitespaces)
    }
}
