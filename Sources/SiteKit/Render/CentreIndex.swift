import Foundation

/// `centres.json`: the machine-readable list of centres that the finder
/// script and third parties read. Its shape is described by
/// `centres.schema.json`; `version` changes when that shape does.
public struct CentreIndex: Codable, Equatable {
    public static let version = 1
    public static let fileName = "centres.json"
    public static let schemaFileName = "centres.schema.json"

    /// One centre as published. Kept apart from `Centre` on purpose: this is
    /// a public format under `version`, which must not change when the
    /// content model does.
    public struct Record: Codable, Equatable {
        public var id: String
        public var name: String
        public var address: [String]
        public var town: String
        public var postcode: String
        public var telephone: String
        public var coordinates: Point
        /// Ids of services offered; empty while not confirmed (ask the enquiry line).
        public var services: [String]
        /// Absolute URL of the centre's page.
        public var url: String
        /// The page's path below the site root, for links relative to the site.
        public var path: String
    }

    public struct Point: Codable, Equatable {
        public var latitude: Double
        public var longitude: Double
        public var approximate: Bool
    }

    public var schema: String
    public var version: Int
    public var provider: String
    public var telephone: String
    public var centres: [Record]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, provider, telephone, centres
    }

    public init(site: Site) {
        schema = site.settings.baseURL + Self.schemaFileName
        version = Self.version
        provider = site.settings.provider
        telephone = site.settings.telephone
        centres = site.centres.map { page, centre in
            Record(id: centre.id, name: centre.name, address: centre.address, town: centre.town, postcode: centre.postcode,
                   telephone: centre.telephone,
                   coordinates: Point(latitude: centre.coordinates.latitude, longitude: centre.coordinates.longitude,
                                      approximate: centre.coordinates.approximate),
                   services: centre.services, url: site.settings.baseURL + page.path, path: page.path)
        }
        .sorted { $0.id < $1.id }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Coordinates as written in content, without binary-float noise.
    static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
