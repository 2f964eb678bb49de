import CMark
import SiteModel

/// The elements the site adds to CommonMark. Every text and URL in them is
/// escaped by cmark's own renderer: a node is rendered on its own and the
/// site's attributes are added to cmark's tag.
extension RenderPass {
    /// A table in a box of its own that scrolls sideways on a narrow screen,
    /// focusable so keyboards can scroll it, named by the section's heading.
    mutating func replaceTable(_ paragraph: OpaquePointer, _ table: MarkdownTable, in document: MarkdownDocument) -> OpaquePointer {
        // Written as bytes: appended to a string piece by piece, a table's HTML cost some 400 instructions a piece.
        var html: [UInt8] = []
        html.reserveCapacity(4096)
        func put(_ text: StaticString) { html.append(literal: text) }
        func put(_ text: String) { html.append(utf8: text) }
        put("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" ")
        if let headingID {
            put("aria-labelledby=\"")
            put(headingID)
            put("\">\n<table>\n")
        } else {
            put("aria-label=\"Table\">\n<table>\n")
        }
        let firstLine = Int(cmark_node_get_start_line(paragraph)) + document.lineOffset
        for (index, row) in table.rows.enumerated() {
            if index == 0 { put("<thead>\n") }
            if index == 1 { put("<tbody>\n") }
            put("<tr>\n")
            for (cell, alignment) in zip(row, table.alignments) {
                put(index == 0 ? "<th scope=\"col\"" : "<td")
                if let className = alignment.className {
                    put(" class=\"")
                    put(className)
                    put("\"")
                }
                put(">")
                put(renderCell(cell, line: firstLine + MarkdownTable.lineIndex(ofRow: index)))
                put(index == 0 ? "</th>\n" : "</td>\n")
            }
            put("</tr>\n")
            if index == 0 { put("</thead>\n") }
        }
        if table.rows.count > 1 { put("</tbody>\n") }
        put("</table>\n</div>\0")
        let block = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enterTerminated: html, memory: memory)
        cmark_node_replace(paragraph, block)
        cmark_node_free(paragraph)
        return block
    }

    /// A cell's inline HTML: words only are their own HTML; anything else is parsed and rendered.
    private mutating func renderCell(_ cell: String, line: Int) -> String {
        guard !MarkdownTable.isPlainText(cell) else { return cell }
        let content = MarkdownTable.cellDocument(cell, line: line)
        transform(content)
        return Self.inner(content.html())
    }

    /// A cell's HTML without the paragraph around it.
    static func inner(_ html: String) -> String {
        // Cut by indices from the ends: `dropLast` here counted every character of the cell.
        let trimmed = html.hasSuffix("\n") ? html[..<html.index(before: html.endIndex)] : html[...]
        guard trimmed.hasPrefix("<p>"), trimmed.hasSuffix("</p>") else { return String(trimmed) }
        return String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)..<trimmed.index(trimmed.endIndex, offsetBy: -4)])
    }

    /// `> [!NOTE]` and the other alerts as an aside with a visible label; nil for any other quote.
    func replaceCallout(_ blockquote: OpaquePointer) -> OpaquePointer? {
        guard let (marker, word) = Callout.marker(in: blockquote), let callout = Callout(word: word) else { return nil }
        let paragraph = cmark_node_parent(marker)
        if let lineBreak = cmark_node_next(marker) { MarkdownNode.remove(lineBreak) }
        MarkdownNode.remove(marker)
        if let paragraph, cmark_node_first_child(paragraph) == nil { MarkdownNode.remove(paragraph) }
        let enter = "<aside class=\"callout callout-\(callout.rawValue)\" aria-label=\"\(callout.label)\">\n"
            + "<p class=\"callout-label\">\(callout.label)</p>"
        let block = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: enter, exit: "</aside>", memory: memory)
        MarkdownNode.replace(blockquote, keepingChildrenIn: block)
        return block
    }

    /// A link titled "button" alone in its paragraph: the link with the button's class and no title.
    func replaceButton(_ link: OpaquePointer) -> OpaquePointer {
        let bare = cmark_node_new_with_mem(CMARK_NODE_LINK, memory)!
        defer { cmark_node_free(bare) }
        cmark_node_set_url(bare, MarkdownNode.url(link))
        let tag = MarkdownNode.html(bare, memory: memory).replacingPrefix("<a ", with: "<a class=\"button\" ").dropLast("</a>".count)
        let button = MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: String(tag), exit: "</a>", memory: memory)
        MarkdownNode.replace(link, keepingChildrenIn: button)
        return button
    }

    /// An image alone in its paragraph with a title (not "decorative"): a
    /// figure, its title the caption; nil for any other paragraph.
    func replaceWithFigure(_ paragraph: OpaquePointer) -> OpaquePointer? {
        guard let image = cmark_node_first_child(paragraph), MarkdownNode.type(image) == CMARK_NODE_IMAGE,
              MarkdownConventions.standsAlone(image) else { return nil }
        let title = MarkdownNode.title(image)
        guard !title.isEmpty, title != MarkdownConventions.decorative else { return nil }
        cmark_node_set_title(image, "")
        let figure = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<figure>", exit: "</figure>", memory: memory)
        MarkdownNode.replace(paragraph, keepingChildrenIn: figure)
        let caption = MarkdownNode.text(title, memory: memory)
        defer { cmark_node_free(caption) }
        cmark_node_append_child(figure, MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<figcaption>" + MarkdownNode.html(caption, memory: memory) + "</figcaption>", memory: memory))
        return figure
    }

    /// The image with its width and height from the file, lazy loading after
    /// the page's first image, and no title when it is decorative.
    mutating func replaceImage(_ image: OpaquePointer) -> OpaquePointer {
        let destination = MarkdownNode.url(image)
        cmark_node_set_url(image, renderer.rewriteLink(destination))
        if MarkdownNode.title(image) == MarkdownConventions.decorative { cmark_node_set_title(image, "") }
        var attributes = ""
        if let size = renderer.imageSize(destination) { attributes += " width=\"\(size.width)\" height=\"\(size.height)\"" }
        if imagesSeen > 0 { attributes += " loading=\"lazy\"" }
        imagesSeen += 1
        let html = MarkdownNode.html(image, memory: memory)
        let tag = (html.hasSuffix(" />") ? String(html.dropLast(3)) : html) + attributes + ">"
        let replacement = MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: tag, memory: memory)
        cmark_node_replace(image, replacement)
        cmark_node_free(image)
        return replacement
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
