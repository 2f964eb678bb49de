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
        let warningDays = reader.int("review_warning_days", required: false, in: 0...365) ?? SiteSettings.defaultReviewWarningDays
        let editorial = reader.group("editorial", required: false).map { group in
            defer { reader.absorb(group) }
            return readEditorial(group)
        } ?? EditorialSettings()
        _ = reader.int("max_markdown_kb", required: false, in: 1...102_400)  // the loader applies it
        let imageBudget = reader.int("image_budget_kb", required: false, in: 1...102_400) ?? SiteSettings.defaultImageBudgetKB
        if let override = baseURL { base = override }
        if let url = base, let problem = SitePaths.problem(withBaseURL: url) {
            let message = "base URL '\(url.debugDescription.dropFirst().dropLast())' \(problem): write an absolute http(s) URL such as https://www.example.org/theranostics/"
            diagnostics.append(.error(reader.file, baseURL == nil ? reader.line(of: "base_url") : 1, .badFormat, message))
            base = nil
        }
        if let telephone, !Self.isUKTelephone(telephone) {
            reader.error("telephone", .badFormat, "telephone '\(telephone)' is not a UK number such as 01753 418 444")
        }
        if let international, !Self.internationalTelephone.matches(international) {
            reader.error("telephone_international", .badFormat, "telephone_international '\(international)' must be the number in +44 form without spaces, such as +441753418444")
        }
        reader.rejectUnknownFields()
        diagnostics += reader.diagnostics
        guard let title, let provider, let base, let telephone, let international, !reader.diagnostics.hasErrors else { return nil }
        var settings = SiteSettings(title: title, provider: provider, paths: SitePaths(baseURL: base), telephone: telephone,
                                    telephoneInternational: international, externalLinkSkip: skip, verificationFiles: verification,
                                    reviewWarningDays: warningDays, imageBudgetKB: imageBudget)
        settings.editorial = editorial
        return settings
    }

    /// `editorial:` of site.yaml: the reading grade, the brands, and which rules are errors or off.
    func readEditorial(_ group: FieldReader) -> EditorialSettings {
        var settings = EditorialSettings()
        if let grade = group.double("reading_grade_max", in: 1...20, required: false) { settings.readingGradeMax = grade }
        if let brands = group.stringList("prescription_brands", required: false, allowEmpty: true) { settings.prescriptionBrands = brands }
        guard let rules = group.group("rules", required: false) else { return settings }
        for (key, value, line) in rules.textFields() {
            guard let rule = EditorialRule(rawValue: key) else {
                let known = EditorialRule.allCases.map(\.rawValue).joined(separator: ", ")
                rules.error(key, .unknownField, "unknown editorial rule '\(key)' (rules: \(known))")
                continue
            }
            switch value {
            case "error": settings.errors.insert(rule)
            case "warning": break
            case "off" where rule.protectsPatients:
                rules.error(key, .badFormat, "rule '\(key)' protects patients and cannot be switched off for the site: allow a finding on its page, with a reason")
            case "off": settings.off.insert(rule)
            default:
                _ = line
                rules.error(key, .wrongType, "rule '\(key)' must be error, warning or off")
            }
        }
        group.absorb(rules)
        return settings
    }

    /// `audience:` and `allow:` of a page.
    func readEditorialFields(_ reader: FieldReader) -> (Audience, [EditorialRule: String]) {
        let audienceName = reader.string("audience", required: false) ?? Audience.patients.rawValue
        let audience = Audience(rawValue: audienceName) ?? {
            reader.error("audience", .badFormat, "audience must be patients or professional, not '\(audienceName)'")
            return .patients
        }()
        var allowed: [EditorialRule: String] = [:]
        if let group = reader.group("allow", required: false) {
            for (key, value, _) in group.textFields() {
                guard let rule = EditorialRule(rawValue: key) else {
                    group.error(key, .unknownField, "unknown editorial rule '\(key)' (rules: \(EditorialRule.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                guard let value else {
                    group.error(key, .emptyField, "allowing '\(key)' needs a reason: write why the page is right as it is")
                    continue
                }
                allowed[rule] = value
            }
            reader.absorb(group)
        }
        return (audience, allowed)
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
            review = readReview(reader, reviewWarningDays: settings?.reviewWarningDays ?? SiteSettings.defaultReviewWarningDays)
        case .service:
            title = reader.text("title")
            description = reader.text("description")
            review = readReview(reader, reviewWarningDays: settings?.reviewWarningDays ?? SiteSettings.defaultReviewWarningDays)
            detail = readService(source, reader).map { .service($0) }
        default:
            title = reader.text("title")
            description = reader.text("description")
            review = readReview(reader, reviewWarningDays: settings?.reviewWarningDays ?? SiteSettings.defaultReviewWarningDays)
            detail = .page
        }
        let nav = reader.int("nav", required: false, in: 1...99)
        let navTitle = reader.text("nav_title", required: false)
        let draft = reader.bool("draft", required: false) ?? false
        let (audience, allowed) = readEditorialFields(reader)
        let unlisted = reader.bool("unlisted", required: false) ?? false
        let aliases = readAliases(reader, settings: settings)
        if unlisted && nav != nil {
            reader.error("unlisted", .conflictingFields, "an unlisted page is not in the navigation: remove 'nav' or 'unlisted'")
        }
        let template = reader.string("template", required: false).map(TemplateName.init) ?? .standard(for: kind)
        if template.rawValue.containsBytes("/") || template.rawValue.containsBytes("..") {
            reader.error("template", .badFormat, "template '\(template)' must be a name in templates/, such as 'page'")
        }
        guard let title, let detail, let review, kind == .centre || description != nil else { return nil }
        return Page(source: source.pageSource, title: title, description: description, template: template,
                    templateLine: reader.line(of: "template"), nav: nav, navTitle: navTitle, review: review, detail: detail,
                    draft: draft, unlisted: unlisted, aliases: aliases, audience: audience, allowed: allowed)
    }

    func readReview(_ reader: FieldReader, reviewWarningDays: Int) -> Review? {
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
        if let today {
            let daysLeft = today.days(until: next)
            if daysLeft < 0 {
                let message = "review overdue by \(-daysLeft) day\(daysLeft == -1 ? "" : "s") (next_review was \(next)): review the page, then update reviewed and next_review"
                if strict { reader.error("next_review", .reviewOverdue, message) } else { reader.warn("next_review", .reviewOverdue, message) }
            } else if daysLeft <= reviewWarningDays {
                reader.warn("next_review", .reviewDue, "review due in \(daysLeft) day\(daysLeft == 1 ? "" : "s") (next_review \(next)): plan the clinical review")
            }
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

    /// A reference's key, title and year; then its work, an article's or guidance's fields.
    func readReference(_ source: SourceFile, _ reader: FieldReader, kind: Page.Kind) -> Reference? {
        let key = reader.string("key")
        // The key is the file's name, so a citation still finds the file when its other fields are broken.
        if let key, key != source.stem {
            reader.error("key", .badFormat, "key '\(key)' must equal the file name '\(source.stem)'")
        }
        if let key, !Citation.isKey(key) {
            reader.error("key", .badFormat, "key '\(key)' may hold only letters, digits, '-' and '_'")
        }
        let title = reader.text("title")
        let year = reader.int("year", in: 1900...2100)
        let work = kind == .guidance ? readGuidance(reader).map(Reference.Work.guidance) : readArticle(reader).map(Reference.Work.article)
        guard let key, let title, let year, let work, !reader.diagnostics.hasErrors else { return nil }
        var reference = Reference(key: key, title: title, year: year, work: work)
        reference.file = source.displayPath
        return reference
    }

    func readArticle(_ reader: FieldReader) -> Article? {
        let authors = reader.stringList("authors")
        let etAl = reader.bool("et_al", required: false) ?? false
        let journal = reader.string("journal")
        let volume = reader.string("volume")
        let issue = reader.string("issue", required: false)
        let pages = reader.string("pages")
        let doi = reader.string("doi")
        let pmid = reader.string("pmid")
        if let doi, !Self.doi.matches(doi) {
            reader.error("doi", .badFormat, "doi '\(doi)' is not a DOI such as 10.1056/NEJMoa1607427 (write it without https://doi.org/)")
        }
        if let pmid, !Self.pmid.matches(pmid) {
            reader.error("pmid", .badFormat, "pmid '\(pmid)' must be the PubMed number, digits only")
        }
        guard let authors, let journal, let volume, let pages, let doi, let pmid else { return nil }
        return Article(authors: authors, etAl: etAl, journal: journal, volume: volume, issue: issue, pages: pages, doi: doi, pmid: pmid)
    }

    func readGuidance(_ reader: FieldReader) -> Guidance? {
        let publisher = reader.string("publisher")
        let series = reader.string("series")
        let number = reader.string("number")
        let url = reader.string("url")
        let scope = reader.text("scope", required: false)
        if let url, !url.lowercased().hasPrefix("https://") || SitePaths.problem(withBaseURL: url) != nil {
            reader.error("url", .badFormat, "url '\(url)' must be the guidance's https:// address")
        }
        guard let publisher, let series, let number, let url else { return nil }
        return Guidance(publisher: publisher, series: series, number: number, url: url, scope: scope)
    }
}
