import Foundation

/// The outlines of England and Wales (Natural Earth 1:50m, public domain),
/// compiled into the tool from `Resources/england-wales.json`, exported by
/// `tools/export-coastline.R`. Read once per process.
struct Coastline: Decodable, Sendable {
    struct Unit: Decodable, Sendable {
        var name: String
        /// Rings of `[longitude, latitude]` pairs; each closes on its first point.
        var rings: [[[Double]]]
    }

    var source: String
    var units: [Unit]

    static let resourceName = "england-wales"

    /// The coastline, or why it cannot be read (a broken build of the tool).
    static let englandAndWales: Result<Coastline, CoastlineError> = decode(Data(PackageResources.england_wales_json))

    static func decode(_ data: Data) -> Result<Coastline, CoastlineError> {
        do {
            let coastline = try JSONDecoder().decode(Coastline.self, from: data)
            guard coastline.units.allSatisfy({ $0.rings.allSatisfy { $0.allSatisfy { $0.count == 2 } } }) else {
                return .failure(CoastlineError(message: "\(resourceName).json holds a point that is not [longitude, latitude]"))
            }
            return .success(coastline)
        } catch {
            return .failure(CoastlineError(message: "\(resourceName).json cannot be read: \(error)"))
        }
    }
}

extension SiteRenderer {
    /// Reads the tool's own data pages are made from (the coastline) ahead of the render step.
    public static func readToolData() {
        _ = Coastline.englandAndWales
    }
}

struct CoastlineError: Error, Sendable {
    var message: String
}
