import Foundation

/// The outlines of England and Wales (Natural Earth 1:50m, public domain),
/// compiled into the tool from `Resources/england-wales.json`, exported by
/// `tools/export-coastline.R`. Read once per process.
struct Coastline: Decodable, Sendable {
    struct Unit: Sendable {
        var name: String
        /// Rings of points; each closes on its first point.
        var rings: [[Point]]
    }

    /// `[longitude, latitude]` in the file.
    struct Point: Sendable {
        var longitude: Double
        var latitude: Double
    }

    var source: String
    var units: [Unit]

    private enum Key: String, CodingKey { case source, units, name, rings }

    /// Read through the decoder's containers, each number as a `Double`: decoded
    /// as nested arrays, each number took the decoder's generic path for an
    /// element (5.8 million instructions in all, against 2.7, on the core that
    /// reads the templates while the content is loaded).
    init(from decoder: Decoder) throws {
        let file = try decoder.container(keyedBy: Key.self)
        source = try file.decode(String.self, forKey: .source)
        var unitList = try file.nestedUnkeyedContainer(forKey: .units)
        var units: [Unit] = []
        while !unitList.isAtEnd {
            let unit = try unitList.nestedContainer(keyedBy: Key.self)
            var ringList = try unit.nestedUnkeyedContainer(forKey: .rings)
            var rings: [[Point]] = []
            while !ringList.isAtEnd {
                var pointList = try ringList.nestedUnkeyedContainer()
                var ring: [Point] = []
                while !pointList.isAtEnd {
                    var pair = try pointList.nestedUnkeyedContainer()
                    let longitude = try pair.decode(Double.self), latitude = try pair.decode(Double.self)
                    guard pair.isAtEnd else {
                        throw CoastlineError(message: "\(Self.resourceName).json holds a point that is not [longitude, latitude]")
                    }
                    ring.append(Point(longitude: longitude, latitude: latitude))
                }
                rings.append(ring)
            }
            units.append(Unit(name: try unit.decode(String.self, forKey: .name), rings: rings))
        }
        self.units = units
    }

    static let resourceName = "england-wales"

    /// The coastline, or why it cannot be read (a broken build of the tool).
    static let englandAndWales: Result<Coastline, CoastlineError> = decode(Data(PackageResources.england_wales_json))

    static func decode(_ data: Data) -> Result<Coastline, CoastlineError> {
        do {
            return .success(try JSONDecoder().decode(Coastline.self, from: data))
        } catch let problem as CoastlineError {
            return .failure(problem)
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
