import Foundation
import SiteLoad
import SiteModel

/// What a content file may be called and which files are published as they
/// are. Addresses are made from file names, so names are lowercase words
/// joined by hyphens; only the file types a site needs are copied, and no
/// file may carry script onto the site.
extension ContentValidator {
    /// Types copied as they are: images, documents, fonts.
    static let publishedTypes: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "pdf", "woff", "woff2",
    ]
    /// Types that would become pages or script of their own, outside the checks Markdown gets.
    static let pageTypes: Set<String> = ["html", "htm", "xhtml", "js", "mjs", "xml", "php"]

    /// The files copied as they are, and the problems of every file's name and type.
    func checkFiles(_ content: LoadedContent, verificationFiles: Set<String>, into diagnostics: inout [Diagnostic]) -> [String: URL] {
        var assets: [String: URL] = [:]
        let markdown = content.sources.map { ($0.relativePath, $0.displayPath) }
        for (path, shown) in markdown where !Self.isWellKnown(path) {
            if let name = Self.suggestedName(path) {
                diagnostics.append(.error(shown, 1, .badFileName, Self.nameMessage(path, name)))
            }
        }
        for (path, url) in content.assets.sorted(by: { $0.key < $1.key }) {
            let shown = Self.displayPath(of: path, content)
            if Self.isWellKnown(path) {
                assets[path] = url
                continue
            }
            if verificationFiles.contains(path) {
                if let line = Self.scriptLine(in: url) {
                    diagnostics.append(.error(shown, line, .unsafeFile, "a verification file may hold no script: ask the search console for a plain one"))
                } else {
                    assets[path] = url
                }
                continue
            }
            let type = (path as NSString).pathExtension.lowercased()
            if Self.pageTypes.contains(type) {
                diagnostics.append(.error(shown, 1, .fileType, "a .\(type) file is not published: pages are written in Markdown (.md)"
                                          + (type == "html" || type == "xml" ? "; a site-ownership file goes under verification_files in site.yaml" : "")))
                continue
            }
            guard Self.publishedTypes.contains(type) else {
                let allowed = Self.publishedTypes.sorted().joined(separator: ", ")
                diagnostics.append(.error(shown, 1, .fileType, "a .\(type) file is not published (file types published as they are: \(allowed))"))
                continue
            }
            if let name = Self.suggestedName(path) {
                diagnostics.append(.error(shown, 1, .badFileName, Self.nameMessage(path, name)))
                continue
            }
            if type == "svg", let problem = SVGCheck.problem(in: url) {
                diagnostics.append(.error(shown, problem.line, .unsafeFile, "the SVG \(problem.message): it could run script on the site or load from elsewhere"))
                continue
            }
            assets[path] = url
        }
        return assets
    }

    static func isWellKnown(_ path: String) -> Bool {
        path.hasPrefix(ContentLoader.wellKnown + "/")
    }

    static func displayPath(of path: String, _ content: LoadedContent) -> String {
        content.displayRoot.joiningPath(path)
    }

    static func nameMessage(_ path: String, _ suggestion: String) -> String {
        "file names are lowercase letters, digits and hyphens, since the page's address is made from them: rename '\(path)' to '\(suggestion)'"
    }

    /// Nil when every part of `path` is a good name; the name to use otherwise.
    static func suggestedName(_ path: String) -> String? {
        if isGoodPath(path) { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let last = parts.removeLast()
        let dot = last.lastIndex(of: ".")
        let stem = dot.map { String(last[..<$0]) } ?? last
        let type = dot.map { String(last[last.index(after: $0)...]) }
        let fixed = parts.map { Slug.make($0) } + [Slug.make(stem) + (type.map { "." + Slug.make($0) } ?? "")]
        return fixed.joined(separator: "/")
    }

    /// Folders and a file stem that are words, and a type (after the last dot) of lowercase
    /// ASCII letters and digits. On the bytes, unsplit: every file's path is asked.
    static func isGoodPath(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "/") {
                guard isWord(bytes[start..<index]) else { return false }
                start = index + 1
            }
            let last = bytes[start...]
            guard let dot = last.lastIndex(of: UInt8(ascii: ".")) else { return isWord(last) }
            let type = last[(dot + 1)...]
            return isWord(last[..<dot]) && !type.isEmpty && type.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        }
    }

    /// Lowercase ASCII letters and digits, in hyphen-joined runs; on the bytes, since every
    /// file's name is asked and Character comparisons cost more than the rest.
    static func isWord<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        let hyphen = UInt8(ascii: "-")
        var previous: UInt8 = hyphen
        for byte in bytes {
            guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == hyphen else { return false }
            if byte == hyphen && previous == hyphen { return false }
            previous = byte
        }
        return previous != hyphen
    }

    /// An event handler's attribute, such as ` onload=`.
    private static let eventHandler = TextPattern(#"\son[a-z]+\s*="#)

    /// The line of the first script in a text file, if any.
    static func scriptLine(in url: URL) -> Int? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return 1 }
        let text = String(decoding: data, as: UTF8.self).lowercased()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains("<script") || line.contains("javascript:") || eventHandler.matches(String(line)) {
            return index + 1
        }
        return nil
    }
}
