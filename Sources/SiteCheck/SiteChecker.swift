import Foundation
import SiteModel

/// The `check` stage: reads a built site and reports every broken link,
/// broken anchor, missing file, orphan page and index that disagrees with
/// the pages. Runs on `public/` or, from `site build --check`, on the staged
/// site before it replaces `public/`.
public struct SiteChecker: Sendable {
    public var sources: SourceMap

    public init(sources: SourceMap = SourceMap()) {
        self.sources = sources
    }

    public func check(folder: URL, displayRoot: String) -> [Diagnostic] {
        let site: BuiltSite
        do {
            site = try BuiltSite(folder: folder, displayRoot: displayRoot)
        } catch {
            return [.error(displayRoot, 1, .unreadableSite, "cannot read the built site: \(error.plainDescription)")]
        }
        let findings = LinkChecker(site: site, sources: sources).check() + IndexChecker(site: site, sources: sources).check()
        return findings.sortedForDisplay()
    }
}
