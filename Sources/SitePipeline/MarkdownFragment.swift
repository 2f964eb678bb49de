import SiteLoad
import SiteMarkdown
import SiteModel

/// One Markdown text rendered on its own (`site render`): front matter, if
/// any, is set aside; citations are numbered in order of use; links stay
/// as written. Raw HTML is dropped and reported.
public enum MarkdownFragment {
    public static func render(_ text: String, file: String) -> (html: String, diagnostics: [Diagnostic]) {
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
        let html = MarkdownRenderer(citationNumbers: outline.citationNumbers).render(body, outline: outline)
        let warnings = outline.rawHTMLLines.map { Diagnostic.warning(file, $0, .rawHTML, "raw HTML removed: write it in Markdown") }
        return (html, warnings)
    }
}
