import Foundation

/// `centres.json`: the machine-readable list of centres that the finder
/// script and third parties read. Its shape is described by
/// `centres.schema.json`; `version` changes when that shape does.
public struct CentreIndex: Codable, Equatable, Sendable {
    public static let version = 1
    public static let fileName = "centres.json"
    public static let schemaFileName = "centres.schema.json"

    /// One centre as published. Kept apart from `Centre` on purpose: this is
    /// a public format under `version`, which must not change when the
    /// content model does.
    public struct Record: Codable, Equatable, Sendable {
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

        public init(id: String, name: String, address: [String], town: String, postcode: String, telephone: String,
                    coordinates: Point, services: [String], url: String, path: String) {
            self.id = id
            self.name = name
            self.address = address
            self.town = town
            self.postcode = postcode
            self.telephone = telephone
            self.coordinates = coordinates
            self.services = services
            self.url = url
            self.path = path
        }
    }

    public struct Point: Codable, Equatable, Sendable {
        public var latitude: Double
        public var longitude: Double
        public var approximate: Bool

        public init(latitude: Double, longitude: Double, approximate: Bool) {
            self.latitude = latitude
            self.longitude = longitude
            self.approximate = approximate
        }
    }

    public var schema: String
    public var version: Int
    public var provider: String
    public var telephone: String
    public var centres: [Record]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, provider, telephone, centres
    }

    public init(schema: String, provider: String, telephone: String, centres: [Record]) {
        self.schema = schema
        version = Self.version
        self.provider = provider
        self.telephone = telephone
        self.centres = centres
    }
}
