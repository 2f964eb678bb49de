import Foundation
import SiteMarkdown
import SiteModel

/// One row per page, service and centre for `site status`: when it was
/// reviewed, when it is due, and what it holds, so a team can plan reviews
/// ahead of the build failing on them.
public struct StatusRow: Codable, Sendable, Equatable {
    public let path: String
    public let kind: String
    public let title: String
    public let reviewer: String
    public let lastReview: String
    public let nextReview: String
    /// Days until the next review; negative when overdue.
    public let daysLeft: Int
    public let draft: Bool
    public let words: Int
    public let readingGrade: Double
    public let citations: Int
    public let linksOut: Int
    public let linksIn: Int
}

public enum ContentStatus {
    /// Overdue first, then the soonest due; pages in path order among equals.
    public static func rows(of site: Site, today: Day) -> [StatusRow] {
        var counts: [String: Int] = [:]
        for page in site.pages {
            let targets = Set(page.source.outline.links.compactMap { link -> String? in
                if case .page(let path, _)? = site.resolution(of: link.destination, on: page), path != page.path { return path }
                return nil
            })
            for target in targets { counts[target, default: 0] += 1 }
        }
        let linksIn = counts
        let rows = site.pages.concurrentMap { page -> StatusRow in
            let blocks = MarkdownText.read(page.source.body, lineOffset: page.source.bodyLineOffset).blocks
            let level = Readability(blocks)
            return StatusRow(
                path: page.source.displayPath, kind: page.kind.rawValue, title: page.title,
                reviewer: page.review?.reviewedBy ?? "", lastReview: page.review?.reviewed.iso ?? "",
                nextReview: page.review?.nextReview.iso ?? "", daysLeft: page.review.map { today.days(until: $0.nextReview) } ?? Int.max,
                draft: page.draft, words: level.words, readingGrade: (level.fleschKincaid * 10).rounded() / 10,
                citations: page.source.outline.citedKeys.count, linksOut: page.source.outline.links.count,
                linksIn: linksIn[page.path, default: 0])
        }
        return rows.sorted { ($0.daysLeft, $0.path) < ($1.daysLeft, $1.path) }
    }

    /// A table for an 80-column terminal.
    public static func table(_ rows: [StatusRow]) -> String {
        func cell(_ text: String, _ width: Int, right: Bool = false) -> String {
            let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
            let pad = String(repeating: " ", count: width - cut.count)
            return right ? pad + cut : cut + pad
        }
        let header = [cell("page", 22), cell("kind", 7), cell("next review", 11), cell("days", 5, right: true), cell("state", 5),
                      cell("words", 5, right: true), cell("grade", 5, right: true), cell("cites", 5, right: true),
                      cell("out", 3, right: true), cell("in", 3, right: true)].joined(separator: " ")
        let lines = rows.map { row in
            [cell(row.path.split(separator: "/").dropFirst().joined(separator: "/"), 22), cell(row.kind, 7), cell(row.nextReview, 11),
             cell(String(row.daysLeft), 5, right: true), cell(row.draft ? "draft" : "live", 5), cell(String(row.words), 5, right: true),
             cell(String(format: "%.1f", row.readingGrade), 5, right: true), cell(String(row.citations), 5, right: true),
             cell(String(row.linksOut), 3, right: true), cell(String(row.linksIn), 3, right: true)].joined(separator: " ")
        }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    static let csvColumns = ["path", "kind", "title", "reviewer", "last_review", "next_review", "days_left", "status", "words",
                             "reading_grade", "citations", "links_out", "links_in"]

    /// CSV for spreadsheets (RFC 4180 quoting).
    public static func csv(_ rows: [StatusRow]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let lines = rows.map { row in
            [row.path, row.kind, row.title, row.reviewer, row.lastReview, row.nextReview, String(row.daysLeft),
             row.draft ? "draft" : "published", String(row.words), String(format: "%.1f", row.readingGrade),
             String(row.citations), String(row.linksOut), String(row.linksIn)].map(field).joined(separator: ",")
        }
        return ([csvColumns.joined(separator: ",")] + lines).joined(separator: "\r\n") + "\r\n"
    }

    struct Report: Codable {
        let generated: String
        let pages: [StatusRow]
    }

    /// JSON for dashboards: an object with the day it describes and the rows.
    public static func json(_ rows: [StatusRow], today: Day) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(Report(generated: today.iso, pages: rows)), as: UTF8.self) + "\n"
    }
}
