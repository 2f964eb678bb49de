import Foundation
import SiteLoad
import SiteModel

/// Images published with the site: their width and height for the pages,
/// and a warning for a file too heavy for a phone on a slow connection.
extension ContentValidator {
    static let imageTypes: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico"]

    func measureImages(_ assets: [String: URL], _ content: LoadedContent, budgetKB: Int,
                       into diagnostics: inout [Diagnostic]) -> [String: ImageSize] {
        var sizes: [String: ImageSize] = [:]
        for (path, url) in assets.sorted(by: { $0.key < $1.key }) {
            let type = (path as NSString).pathExtension.lowercased()
            guard Self.imageTypes.contains(type), !Self.isWellKnown(path) else { continue }
            let bytes = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            if bytes > budgetKB * 1024 {
                let kilobytes = (bytes + 1023) / 1024
                diagnostics.append(.warning(Self.displayPath(of: path, content), 1, .imageOverBudget,
                                            "the image is \(kilobytes) KB, over the \(budgetKB) KB budget (image_budget_kb in site.yaml): every visitor downloads it, so make it smaller (the width it is shown at, WebP, or a lower JPEG quality)"))
            }
            if let size = ImageInfo.size(of: url, type: type) { sizes[path] = size }
        }
        return sizes
    }
}
