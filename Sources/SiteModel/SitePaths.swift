import Foundation

/// Every rule that turns one kind of path into another, in one place, so
/// that loading, validation, rendering, checking and the preview agree:
///
/// - a content file (`services/lutetium-psma.md`) has a URL path below the
///   site root (`services/lutetium-psma/`);
/// - a URL path is served from a file (`services/lutetium-psma/index.html`):
///   a folder serves its `index.html`;
/// - the site root sits at the base URL's path on the host (`/uk/theranostics/`);
/// - links are written relative to the page, dot segments resolved.
public struct SitePaths: Sendable, Equatable {
    /// Absolute, ending in `/`.
    public let baseURL: String
    /// The path part of the base URL (`/uk/theranostics/`): where the site
    /// root sits on the web host.
    public let basePath: String

    /// `baseURL` as given, its scheme in lower case, ending in `/`.
    public init(baseURL: String) {
        var url = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        if let colon = url.firstIndex(of: ":") { url = url[..<colon].lowercased() + url[colon...] }
        self.baseURL = url
        basePath = Self.basePath(of: url)
    }

    /// Why `text` cannot be a base URL (nil when it can): an absolute http(s)
    /// URL with a host, no white space or control characters, no user, query
    /// or fragment, and no empty segment (`//`) in its path, so that no value
    /// can move the site's links to another host or break a file it is written in.
    public static func problem(withBaseURL text: String) -> String? {
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "holds white space or a control character"
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            return "is not an absolute http(s) URL"
        }
        if components.user != nil || components.password != nil { return "holds a user name or password" }
        if components.query != nil || components.fragment != nil { return "holds a query (?) or a fragment (#)" }
        if components.percentEncodedPath.contains("//") { return "has an empty segment (//) in its path" }
        return nil
    }

    /// The absolute URL of a path below the site root.
    public func absoluteURL(_ urlPath: String) -> String {
        baseURL + urlPath
    }

    /// `/uk/theranostics/` for `https://host/uk/theranostics/`; `/` when there is no path.
    public static func basePath(of baseURL: String) -> String {
        guard let path = URLComponents(string: baseURL)?.path, !path.isEmpty else { return "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// The URL path a content file gets: `index.md` is its folder itself.
    public static func urlPath(forContentFile relativePath: String) -> String {
        let withoutExtension = relativePath.hasSuffix(".md") ? String(relativePath.dropLast(3)) : relativePath
        if withoutExtension == "index" { return "" }
        if withoutExtension.hasSuffix("/index") { return String(withoutExtension.dropLast("index".count)) }
        return withoutExtension + "/"
    }

    /// The file a host serves for a path: a folder (`x/`, or the root) serves its `index.html`.
    public static func servedFile(for urlPath: String) -> String {
        urlPath.isEmpty || urlPath.hasSuffix("/") ? urlPath + "index.html" : urlPath
    }

    /// `target` (a path below the site root) as an href from the page at `pagePath`,
    /// with `#fragment` after it when given: written in one piece (the `../`s, the
    /// path and the fragment made and joined as strings took some 2,000 instructions a link).
    public static func relative(_ target: String, from pagePath: String, fragment: String? = nil) -> String {
        let ups = depth(pagePath)
        var target = target
        let here = ups == 0 && target.isEmpty
        let count = (here ? 2 : 3 * ups + target.utf8.count) + (fragment.map { $0.utf8.count + 1 } ?? 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let from = bytes.baseAddress, let to = buffer.baseAddress else { return }
                (to + index).update(from: from, count: bytes.count)
                index += bytes.count
            }
            if here {
                put(UnsafeBufferPointer(start: ("./" as StaticString).utf8Start, count: 2))
            } else {
                for _ in 0..<ups { put(UnsafeBufferPointer(start: ("../" as StaticString).utf8Start, count: 3)) }
                target.withUTF8(put)
            }
            if var fragment {
                buffer[index] = UInt8(ascii: "#")
                index += 1
                fragment.withUTF8(put)
            }
            return index
        }
    }

    /// The path's segments that are not empty, counted on its bytes where each is a
    /// character (splitting them into an array cost some 4,000 instructions a link).
    static func depth(_ pagePath: String) -> Int {
        guard pagePath.isSingleByteText else { return pagePath.split(separator: "/").count }
        var path = pagePath
        return path.withUTF8 { bytes in
            var count = 0, previous = UInt8(ascii: "/")
            for byte in bytes {
                if previous == UInt8(ascii: "/") && byte != previous { count += 1 }
                previous = byte
            }
            return count
        }
    }

    /// Resolves `path` against the folder of `file` (both below one root):
    /// `.` and `..` segments are applied, a leading `/` means the root, and a
    /// path naming a folder (ending in `/`, `.` or `..`) keeps a trailing `/`.
    /// Nil when the path climbs above the root.
    public static func resolve(_ path: String, from file: String) -> String? {
        let absolute = path.hasPrefix("/")
        // On the bytes where each byte is a character (nearly every link): splitting characters costs more.
        if path.isSingleByteText && file.isSingleByteText {
            return resolveBytes(path, from: absolute ? "" : file)
        }
        return resolve(path.split(separator: "/", omittingEmptySubsequences: false), in: absolute ? [] : Array(file.split(separator: "/").dropLast()))
    }

    /// `resolve(_:from:)` for single-byte text, segment by segment into one buffer.
    static func resolveBytes(_ path: String, from file: String) -> String? {
        var path = path, file = file
        return file.withUTF8 { file in path.withUTF8 { path in resolveBytes(path, from: file) } }
    }

    private static func resolveBytes(_ path: UnsafeBufferPointer<UInt8>, from file: UnsafeBufferPointer<UInt8>) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        // On the stack: three arrays a link cost more than the rest of its resolving.
        let capacity = path.count + file.count + 2
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { resolved -> String? in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity) { starts -> String? in
                // `resolved[..<count]` so far; where each of its segments starts, its slash included.
                var count = 0, segments = 0
                func append(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
                    starts[segments] = count
                    segments += 1
                    if count > 0 {
                        resolved[count] = slash
                        count += 1
                    }
                    (resolved.baseAddress! + count).update(from: bytes.baseAddress! + range.lowerBound, count: range.count)
                    count += range.count
                }
                // The file's folder: its segments but the last, empty ones left out (each appended once the next is found).
                var segment: Range<Int>?, start = 0
                for index in 0...file.count where index == file.count || file[index] == slash {
                    if index > start {
                        if let segment { append(file, segment) }
                        segment = start..<index
                    }
                    start = index + 1
                }
                var namesFolder = false
                start = 0
                for index in 0...path.count where index == path.count || path[index] == slash {
                    let length = index - start
                    if length == 0 || (length == 1 && path[start] == dot) {
                        namesFolder = true
                    } else if length == 2 && path[start] == dot && path[start + 1] == dot {
                        guard segments > 0 else { return nil }
                        segments -= 1
                        count = starts[segments]
                        namesFolder = true
                    } else {
                        append(path, start..<index)
                        namesFolder = false
                    }
                    start = index + 1
                }
                if namesFolder && count > 0 {
                    resolved[count] = slash
                    count += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: resolved[..<count]), as: UTF8.self)
            }
        }
    }

    static func resolve(_ segments: [Substring], in folder: [Substring]) -> String? {
        var parts = folder
        var namesFolder = false
        for segment in segments {
            switch segment {
            case "", ".":
                namesFolder = true
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                namesFolder = true
            default:
                parts.append(segment)
                namesFolder = false
            }
        }
        let joined = parts.joined(separator: "/")
        return namesFolder && !joined.isEmpty ? joined + "/" : joined
    }

    /// An old address of a page (`aliases:`) as a URL path below the site
    /// root: `/old-funding/`, `old-funding/` and `old-funding` are all
    /// `old-funding/`; `news/funding.html` stays a file. A static host serves
    /// a redirect page only at a folder or an `.html` file, so other names
    /// (`funding.php`), full URLs, queries, fragments, dot segments and
    /// characters that would need escaping are refused, with the reason.
    public static func aliasPath(_ written: String, basePath: String) -> AliasPath {
        let text = written.trimmedSpaces
        if scheme(of: text) != nil || text.hasPrefix("//") {
            return .problem("is a full address: write the old path below the site root, such as /old-funding/")
        }
        if text.contains("?") || text.contains("#") {
            return .problem("holds a query (?) or a fragment (#): a redirect page stands at a path, such as /old-funding/")
        }
        let rooted = text.hasPrefix("/") ? text : "/" + text
        if basePath != "/", rooted.hasPrefix(basePath) || rooted + "/" == basePath {
            return .problem("starts with the site's base path \(basePath): write the path below the site root, such as /old-funding/")
        }
        let body = text.hasPrefix("/") ? String(text.dropFirst()) : text
        var segments = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.last == "" { segments.removeLast() }
        guard !segments.isEmpty else { return .problem("is the site root, which is the home page itself") }
        if segments.contains("") { return .problem("has an empty segment (//)") }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .problem("has a '.' or '..' segment") }
        let allowed = { (c: Unicode.Scalar) in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_"
        }
        let name = segments.removeLast()
        if segments.contains(where: { $0.unicodeScalars.contains { !allowed($0) } }) {
            return .problem("has a folder name with characters other than letters, digits, '-' and '_'")
        }
        let folders = segments.map { $0 + "/" }.joined()
        if name.lowercased().hasSuffix(".html") || name.lowercased().hasSuffix(".htm") {
            let stem = name[..<name.lastIndex(of: ".")!]
            guard !stem.isEmpty, stem.unicodeScalars.allSatisfy(allowed) else {
                return .problem("has a file name with characters other than letters, digits, '-' and '_'")
            }
            return .path(folders + name)
        }
        if name.contains(".") {
            return .problem("names a file that is not an .html page, which a static host cannot redirect with a page: ask the web host for a redirect, or use a folder path such as /old-funding/")
        }
        guard name.unicodeScalars.allSatisfy(allowed) else {
            return .problem("has a name with characters other than letters, digits, '-' and '_'")
        }
        return .path(folders + name + "/")
    }

    public enum AliasPath: Equatable, Sendable {
        case path(String)
        case problem(String)
    }

    /// The scheme of a URL (`https` of `https://…`), nil for a relative reference.
    public static func scheme(of url: String) -> String? {
        guard let colon = url.isSingleByteText ? url.utf8.firstIndex(of: UInt8(ascii: ":")) : url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return String(candidate)
    }

    /// Where a reference's path leads from the file it is written in.
    public enum Located: Equatable, Sendable {
        /// The reference is a fragment of the file's own page alone.
        case fragmentOnly
        /// Out of the content folder.
        case outside
        /// A content path (a folder's ends in `/`).
        case path(String)
    }

    /// `split` and `resolve` at once, in one pass over the bytes, for a plain
    /// reference: each byte ASCII from `!` to `~` but `:`, `%` and `?`, not
    /// starting with `//`, written in a file whose path is ASCII. Nil for any
    /// other (a scheme, a query, an escape, a space, a letter beyond ASCII):
    /// the general rules read those.
    public static func plainReference(_ reference: String, from file: String) -> (located: Located, fragment: String?)? {
        guard file.isSingleByteText else { return nil }
        var reference = reference, file = file
        return reference.withUTF8 { bytes -> (located: Located, fragment: String?)? in
            let slash = UInt8(ascii: "/"), hash = UInt8(ascii: "#")
            guard let base = bytes.baseAddress, !bytes.isEmpty, !(bytes.count > 1 && bytes[0] == slash && bytes[1] == slash),
                  ByteSearch.isPlainReference(bytes) else { return nil }
            let end = memchr(base, Int32(hash), bytes.count).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            let fragment = end + 1 < bytes.count ? String(decoding: UnsafeBufferPointer(rebasing: bytes[(end + 1)...]), as: UTF8.self) : nil
            if end == 0 { return (.fragmentOnly, fragment) }
            return file.withUTF8 { fileBytes in
                let path = UnsafeBufferPointer(rebasing: bytes[..<end])
                let resolved = resolveBytes(path, from: path[0] == slash ? UnsafeBufferPointer(rebasing: fileBytes[..<0]) : fileBytes)
                return (resolved.map(Located.path) ?? .outside, fragment)
            }
        }
    }

    /// A relative reference split into its path (query dropped) and fragment.
    public static func split(_ reference: String) -> (path: String, fragment: String?) {
        let beforeFragment: Substring
        var fragment: String?
        let singleBytes = reference.isSingleByteText
        if let hash = singleBytes ? reference.utf8.firstIndex(of: UInt8(ascii: "#")) : reference.firstIndex(of: "#") {
            beforeFragment = reference[..<hash]
            let text = reference[reference.index(after: hash)...]
            fragment = text.isEmpty ? nil : String(text)
        } else {
            beforeFragment = reference[...]
        }
        let question = singleBytes ? beforeFragment.utf8.firstIndex(of: UInt8(ascii: "?")) : beforeFragment.firstIndex(of: "?")
        let path = question.map { beforeFragment[..<$0] } ?? beforeFragment
        return (String(path), fragment)
    }
}

extension URL {
    /// `relative` inside this folder, a file: `appendingPathComponent(_:)`
    /// asks the file system whether the result is a folder, one `stat` a file.
    public func file(_ relative: String) -> URL {
        appendingPathComponent(relative, isDirectory: false)
    }
}

extension String {
    /// `path` below this folder, as the folder was given: how files are named to editors.
    public func joiningPath(_ path: String) -> String {
        hasSuffix("/") ? self + path : self + "/" + path
    }

    public var nonEmpty: String? { isEmpty ? nil : self }

    /// Without surrounding spaces and tabs; allocation-free when there are none (the usual case).
    public var trimmedSpaces: String {
        guard let first = first, let last = last, first == " " || first == "\t" || last == " " || last == "\t" else { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    /// Percent-decoded; Foundation is asked only when there is a `%`.
    public var percentDecoded: String {
        utf8.contains(UInt8(ascii: "%")) ? (removingPercentEncoding ?? self) : self
    }
}
