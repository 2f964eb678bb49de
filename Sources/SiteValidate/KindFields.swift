import Foundation
import SiteLoad
import SiteMarkdown
import SiteModel

/// The fields of each kind of content file and of `site.yaml`: which are
/// required, their types and their rules.
extension ContentValidator {
    // MARK: - Settings

    func readSettings(_ frontMatter: FrontMatter, into diagnostics: inout [Diagnostic]) -> SiteSettings? {
        let reader = FieldReader(frontMatter, context: "site settings")
        let title = reader.string("title")
        let provider = reader.string("provider")
        var base = reader.string("base_url")
        let telephone = reader.string("telephone")
        let international = reader.string("telephone_international")
        let skip = reader.stringList("external_link_skip", required: false, allowEmpty: true) ?? []
        let verification = reader.stringList("verification_files", required: false, allowEmpty: true) ?? []
        _ = reader.int("max_markdown_kb", required: false, in: 1...102_400)  // the loader applies it
        if let override = baseURL { base = override }
        if let url = base, let problem = SitePaths.problem(withBaseURL: url) {
            let message = "base URL '\(url.debugDescription.dropFirst().dropLast())' \(problem): write an absolute http(s) URL such as https://www.example.org/theranostics/"
            diagnostics.append(.error(reader.file, baseURL == nil ? reader.line(of: "base_url") : 1, .badFormat, message))
            base = nil
        }
        if let telephone, !Self.isUKTelephone(telephone) {
            reader.error("telephone", .badFormat, "telephone '\(telephone)' is not a UK number such as 01753 418 444")
        }
        if let international, international.range(of: #"^\+44[1-9][0-9]{8,9}$"#, options: .regularExpression) == nil {
            reader.error("telephone_international", .badFormat, "telephone_international '\(international)' must be the number in +44 form without spaces, such as +441753418444")
        }
        reader.rejectUnknownFields()
        diagnostics += reader.diagnostics
        guard let title, let provider, let base, let telephone, let international, !reader.diagnostics.hasErrors else { return nil }
        return SiteSettings(title: title, provider: provider, paths: SitePaths(baseURL: base), telephone: telephone,
                            telephoneInternational: international, externalLinkSkip: skip, verificationFiles: verification)
    }

    // MARK: - Pages

    func readPage(_ source: SourceFile, kind: Page.Kind, _ reader: FieldReader, settings: SiteSettings?) -> Page? {
        let detail: Page.Detail?
        var title: String?
        var description: String?
        var review: Review?
        switch kind {
        case .centre:
            let centre = readCentre(source, reader)
            detail = centre.map { .centre($0) }
            title = centre.map { "\(settings?.provider ?? "") \($0.name)".trimmingCharacters(in: .whitespaces) }
            description = reader.text("description", required: false)
        case .service:
            title = reader.text("title")
            description = reader.text("description")
            review = readReview(reader)
            detail = readService(source, reader).map { .service($0) }
        default:
            title = reader.text("title")
            description = reader.text("description")
            review = readReview(reader)
            detail = .page
        }
        let nav = reader.int("nav", required: false, in: 1...99)
        let navTitle = reader.text("nav_title", required: false)
        let draft = reader.bool("draft", required: false) ?? false
        let unlisted = reader.bool("unlisted", required: false) ?? false
        let aliases = readAliases(reader, settings: settings)
        if unlisted && nav != nil {
            reader.error("unlisted", .conflictingFields, "an unlisted page is not in the navigation: remove 'nav' or 'unlisted'")
        }
        let template = reader.string("template", required: false).map(TemplateName.init) ?? .standard(for: kind)
        if template.rawValue.contains("/") || template.rawValue.contains("..") {
            reader.error("template", .badFormat, "template '\(template)' must be a name in templates/, such as 'page'")
        }
        guard let title, let detail, kind == .centre || (review != nil && description != nil) else { return nil }
        return Page(source: source.pageSource, title: title, description: description, template: template,
                    templateLine: reader.line(of: "template"), nav: nav, navTitle: navTitle, review: review, detail: detail,
                    draft: draft, unlisted: unlisted, aliases: aliases)
    }

    func readReview(_ reader: FieldReader) -> Review? {
        let reviewed = reader.day("reviewed")
        let next = reader.day("next_review")
        let by = reader.text("reviewed_by")
        guard let reviewed, let next, let by else { return nil }
        if next <= reviewed {
            reader.error("next_review", .reviewDates, "next_review (\(next)) must come after reviewed (\(reviewed))")
            return nil
        }
        let latest = reviewed.adding(years: Self.maximumReviewYears)
        if next > latest {
            reader.error("next_review", .reviewDates, "next_review (\(next)) is more than \(Self.maximumReviewYears) years after reviewed (\(reviewed)); the latest allowed is \(latest)")
            return nil
        }
        if let today, reviewed > today {
            reader.error("reviewed", .reviewDates, "reviewed (\(reviewed)) is in the future: a page is reviewed before it says so")
            return nil
        }
        if let today, next < today {
            reader.warn("next_review", .reviewOverdue, "review overdue since \(next): review the page and update reviewed and next_review")
        }
        return Review(reviewed: reviewed, nextReview: next, reviewedBy: by)
    }

    func readService(_ source: SourceFile, _ reader: FieldReader) -> Service? {
        let id = reader.string("id")
        let shortName = reader.string("short_name")
        let treats = reader.string("treats")
        let target = reader.string("target")
        let availableFrom = reader.string("available_from", required: false)
        if let id, id != source.stem {
            reader.error("id", .badFormat, "id '\(id)' must equal the file name '\(source.stem)'")
        }
        guard let id, let shortName, let treats, let target else { return nil }
        return Service(id: id, shortName: shortName, treats: treats, target: target, availableFrom: availableFrom)
    }

    func readCentre(_ source: SourceFile, _ reader: FieldReader) -> Centre? {
        let id = reader.string("id")
        let name = reader.text("name")
        let address = reader.stringList("address")
        let town = reader.string("town")
        let postcode = reader.string("postcode")
        let telephone = reader.string("telephone")
        let services = reader.stringList("services", allowEmpty: true)
        var coordinates: Coordinates?
        if let group = reader.group("coordinates") {
            let latitude = group.double("latitude", in: 49.8...60.9)
            let longitude = group.double("longitude", in: -8.7...1.8)
            let approximate = group.bool("approximate")
            if approximate == false {
                group.error("approximate", .badFormat, "centre coordinates are approximate (town level): approximate must be true")
            }
            reader.absorb(group)
            if let latitude, let longitude, let approximate { coordinates = Coordinates(latitude: latitude, longitude: longitude, approximate: approximate) }
        }
        if let id, id != source.stem {
            reader.error("id", .badFormat, "id '\(id)' must equal the file name '\(source.stem)'")
        }
        if let postcode, !Self.isUKPostcode(postcode) {
            reader.error("postcode", .badFormat, "postcode '\(postcode)' is not a UK postcode written like 'OX4 6LB' (capitals, one space)")
        }
        if let telephone, !Self.isUKTelephone(telephone) {
            reader.error("telephone", .badFormat, "telephone '\(telephone)' is not a UK number such as 01753 418 444")
        }
        guard let id, let name, let address, let town, let postcode, let telephone, let coordinates, let services else { return nil }
        return Centre(id: id, name: name, address: address, town: town, postcode: postcode, telephone: telephone,
                      coordinates: coordinates, services: services)
    }

    func readReference(_ source: SourceFile, _ reader: FieldReader) -> Reference? {
        let key = reader.string("key")
        // The key is the file's name, so a citation still finds the file when its other fields are broken.
        if let key, key != source.stem {
            reader.error("key", .badFormat, "key '\(key)' must equal the file name '\(source.stem)'")
        }
        let authors = reader.stringList("authors")
        let etAl = reader.bool("et_al", required: false) ?? false
        let title = reader.text("title")
        let journal = reader.string("journal")
        let year = reader.int("year", in: 1900...2100)
        let volume = reader.string("volume")
        let issue = reader.string("issue", required: false)
        let pages = reader.string("pages")
        let doi = reader.string("doi")
        let pmid = reader.string("pmid")
        if let key, !Citation.isKey(key) {
            reader.error("key", .badFormat, "key '\(key)' may hold only letters, digits, '-' and '_'")
        }
        if let doi, doi.range(of: #"^10\.[0-9]{4,9}/\S+$"#, options: .regularExpression) == nil {
            reader.error("doi", .badFormat, "doi '\(doi)' is not a DOI such as 10.1056/NEJMoa1607427 (write it without https://doi.org/)")
        }
        if let pmid, pmid.range(of: #"^[1-9][0-9]{0,8}$"#, options: .regularExpression) == nil {
            reader.error("pmid", .badFormat, "pmid '\(pmid)' must be the PubMed number, digits only")
        }
        guard let key, let authors, let title, let journal, let year, let volume, let pages, let doi, let pmid, !reader.diagnostics.hasErrors else { return nil }
        return Reference(key: key, authors: authors, etAl: etAl, title: title, journal: journal, year: year, volume: volume,
                         issue: issue, pages: pages, doi: doi, pmid: pmid)
    }
}
