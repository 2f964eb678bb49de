import Foundation

/// The outlines of England and Wales (Natural Earth 1:50m, public domain),
/// from the tool's resources: `Resources/england-wales.json`, exported by
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

    /// The coastline, or why it cannot be read (a broken installation of the tool).
    static let englandAndWales: Result<Coastline, CoastlineError> = {
        guard let url = Bundle.module.url(forResource: resourceName, withExtension: "json"),
              let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(CoastlineError(message: "the tool's resource \(resourceName).json is missing"))
        }
        do {
            let coastline = try JSONDecoder().decode(Coastline.self, from: data)
            guard coastline.units.allSatisfy({ $0.rings.allSatisfy { $0.allSatisfy { $0.count == 2 } } }) else {
                return .failure(CoastlineError(message: "\(resourceName).json holds a point that is not [longitude, latitude]"))
            }
            return .success(coastline)
        } catch {
            return .failure(CoastlineError(message: "\(resourceName).json cannot be read: \(error)"))
        }
    }()
}

struct CoastlineError: Error, Sendable {
    var message: String
}
