import SiteLoad
import SiteModel

/// New content files with every field their kind needs, ready to fill in
/// (`site new centre NAME`). The placeholders do not pass validation on
/// purpose: a half-filled file cannot reach the site.
public enum ContentScaffold {
    public enum Kind: String, CaseIterable, Sendable {
        case page, service, centre, reference
    }

    /// Where a new file of `kind` named `name` goes, below the content folder.
    public static func path(kind: Kind, name: String) -> String {
        let slug = Slug.make(name)
        switch kind {
        case .page: return slug + ".md"
        case .service: return "services/\(slug).md"
        case .centre: return "centres/\(slug).md"
        case .reference: return "references/\(slug).md"
        }
    }

    /// The file's text. Every value made from `name` is written by the YAML
    /// emitter, quoted where needed, so it reads back exactly as given.
    /// Pages, services and centres start as drafts; the review fields are
    /// left to fill in, since a date made up here would claim a review that
    /// never happened.
    public static func text(kind: Kind, name: String) -> String {
        let slug = Slug.make(name)
        let review = """
        reviewed: FILL IN the date of the clinical review (YYYY-MM-DD)
        next_review: FILL IN the date the next review is due (YYYY-MM-DD, at most 3 years after reviewed)
        reviewed_by: FILL IN who reviewed the page
        """
        switch kind {
        case .page:
            return """
            ---
            kind: page
            draft: true
            \(YAMLText.field("title", name))
            description: FILL IN one sentence of 70 to 160 characters for search results and sharing.
            \(review)
            ---

            ## FILL IN the first section

            FILL IN the page in Markdown; cite a study by its key, e.g. [@hofman2018].

            """
        case .service:
            return """
            ---
            kind: service
            draft: true
            \(YAMLText.field("id", slug))
            \(YAMLText.field("title", name))
            short_name: FILL IN
            description: FILL IN one sentence of 70 to 160 characters for search results and sharing.
            treats: FILL IN the conditions it treats
            target: FILL IN what the treatment targets
            \(review)
            ---

            ## Who it is for

            FILL IN.

            """
        case .centre:
            return """
            ---
            kind: centre
            draft: true
            \(YAMLText.field("id", slug))
            \(YAMLText.field("name", name))
            address:
              - FILL IN first address line
            town: FILL IN
            postcode: FILL IN (like OX4 6LB)
            telephone: 01753 418 444
            coordinates:
              # To find them, look up the address on https://www.openstreetmap.org,
              # right-click the building, choose 'Show address' and copy the latitude
              # and longitude it shows (the first number, then the second).
              # Town level is enough: 3 decimals, like 51.726 and -1.204
              # (west of Greenwich the longitude is below zero).
              latitude: FILL IN (like 51.726)
              longitude: FILL IN (like -1.204)
              approximate: true
            services: []
            \(review)
            ---

            FILL IN a short paragraph about the centre.

            """
        case .reference:
            return """
            ---
            kind: reference
            \(YAMLText.field("key", slug))
            authors:
              - FILL IN Surname Initials
            et_al: false
            title: FILL IN
            journal: FILL IN
            year: FILL IN
            volume: FILL IN
            issue: FILL IN
            pages: FILL IN
            doi: FILL IN (like 10.1056/NEJMoa1607427)
            pmid: FILL IN (digits)
            ---

            """
        }
    }
}
