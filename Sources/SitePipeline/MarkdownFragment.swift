import SiteLoad
import SiteMarkdown
import SiteModel
import SiteValidate

/// One Markdown text rendered on its own (`site render`), under the build's
/// rules: raw HTML, links with a forbidden scheme and, when the references
/// are known, unknown citations are errors. Front matter, if any, is set
/// aside; citations are numbered in order of use; links stay as written.
public enum MarkdownFragment {
    public static func render(_ text: String, file: String, citable: Set<String>? = nil) -> (html: String, diagnostics: [Diagnostic]) {
        let body: String
        let outline: MarkdownOutline
        if text.hasPrefix("---") {
            switch SourceFile.parse(text, displayPath: file, relativePath: file) {
            case .success(let source):
                body = source.body
                outline = source.outline
            case .failure(let diagnostic):
                return ("", [diagnostic])
            }
        } else {
            body = text
            outline = MarkdownOutline(markdown: text)
        }
        var diagnostics = outline.rawHTMLLines.map {
            Diagnostic.error(file, $0, .rawHTML, "raw HTML is not allowed in content (it would not reach the page): write it in Markdown")
        }
        diagnostics += outline.findings.map { Diagnostic.error(file, $0.line, $0.reason, $0.message) }
        // Relative links are the build's to resolve; a scheme is wrong anywhere.
        let schemes = LinkResolver(pagePaths: [:], anchors: [:], assets: [])
        for link in outline.links {
            if case .problem(let problem) = schemes.resolve(link.destination, from: file), problem.reason == .forbiddenLink {
                diagnostics.append(.error(file, link.line, problem.reason, problem.message))
            }
        }
        if let citable {
            for use in outline.citations {
                for key in use.keys where !citable.contains(key) {
                    diagnostics.append(.error(file, use.line, .unknownCitation, "unknown citation '@\(key)'"))
                }
            }
        }
        let html = MarkdownRenderer(citationNumbers: outline.citationNumbers).render(body, outline: outline)
        return (html, diagnostics)
    }
}
