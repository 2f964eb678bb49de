import Foundation
import SiteMarkdown
import SiteModel

/// Editorial checks on the validated site: each rule's findings as
/// warnings (or errors where `site.yaml` says so), each naming the file,
/// line and rule, and how to allow it on purpose. A page allows a finding
/// with `allow: {rule: reason}` in its front matter, never in its text.
public struct EditorialChecker: Sendable {
    public let site: Site
    /// The site's brand names as one pattern, and as the words a page needs for it to be searched: made once for all pages.
    private let brandPattern: NSRegularExpression?
    private let brandWords: [String]
    /// The site's own number where the telephone rule may pass over it (`PageRules.ownNumber`), also made once.
    private let ownNumber: [UInt8]?
    /// The link to the site's number where the telephone rule accepts it (`PageRules.ownLink`), also made once.
    private let ownLink: (text: String, destination: String)?

    public init(site: Site) {
        self.site = site
        brandPattern = PageRules.brandPattern(site.settings.editorial.prescriptionBrands)
        brandWords = PageRules.brandWords(site.settings.editorial.prescriptionBrands)
        ownNumber = PageRules.ownNumber(site.settings.telephone)
        ownLink = PageRules.ownLink(site.settings)
    }

    /// Compiles the page rules' regular expressions, and with the first of them
    /// ICU's tables (some 8 million instructions, once a process), so that a build
    /// can have them made on another core before the steps that use them.
    public static func compileExpressions() {
        _ = (PageRules.result, PageRules.promises, PageRules.telephone)
    }

    /// One page's findings from its words as the renderer read them.
    public func findings(on page: Page, text: MarkdownText.Reading) -> [Diagnostic] {
        rules(page).findings(text).compactMap(settle)
    }

    /// Each page's findings (reused where `reusing` has them: they depend on
    /// the page's file and the site's settings only), and all of them with
    /// the site's own.
    public func check(reusing: @Sendable (Page) -> [Diagnostic]?) -> (pages: [[Diagnostic]], all: [Diagnostic]) {
        let perPage = site.pages.concurrentMap { page in
            reusing(page) ?? rules(page).findings().compactMap(settle)
        }
        let all = perPage.flatMap { $0 } + siteFindings().compactMap(settle)
        return (perPage, all.sortedForDisplay())
    }

    private func rules(_ page: Page) -> PageRules {
        PageRules(page: page, site: site, brandPattern: brandPattern, brandWords: brandWords, ownNumber: ownNumber, ownLink: ownLink)
    }

    /// References no page cites, and service pages that cite nothing.
    private func siteFindings() -> [Finding] {
        // Looked for until every reference is found cited (on a large site, within its first pages).
        var uncited = Set(site.references.keys)
        search: for index in site.pages.indices where !uncited.isEmpty {
            for use in site.pages[index].source.outline.citations {
                uncited.subtract(use.keys)
                if uncited.isEmpty { break search }
            }
        }
        var findings = site.references.values.filter { uncited.contains($0.key) }.map { reference in
            Finding(page: nil, file: reference.file, line: 1, rule: .uncitedReference,
                    message: "no page cites the reference '\(reference.key)': cite it where its evidence is used, or remove the file")
        }
        for entry in site.services where entry.page.source.outline.citations.isEmpty {
            findings.append(Finding(page: entry.page, file: entry.page.source.displayPath, line: entry.page.source.bodyLineOffset + 1,
                                    rule: .serviceWithoutCitation, message: "a service page cites no study: cite the evidence for the treatment"))
        }
        return findings
    }

    /// A finding as the site's settings and the page's `allow` have it: nil when allowed or off.
    private func settle(_ finding: Finding) -> Diagnostic? {
        if site.settings.editorial.off.contains(finding.rule) { return nil }
        if finding.page?.allowed[finding.rule] != nil { return nil }
        let howToAllow = finding.page == nil ? "" : " (if it is right as it is, add 'allow: {\(finding.rule.rawValue): why}' to the front matter)"
        return Diagnostic(file: finding.file, line: finding.line,
                          severity: site.settings.editorial.errors.contains(finding.rule) ? .error : .warning,
                          reason: .editorial, message: "[\(finding.rule.rawValue)] \(finding.message)\(howToAllow)", rule: finding.rule)
    }
}

/// One rule's finding before the settings are applied.
struct Finding: Sendable {
    let page: Page?
    let file: String
    let line: Int
    let rule: EditorialRule
    let message: String
}
