import Foundation
import SiteModel

/// The map of the centres on the home page and the centre finder: England
/// and Wales cropped to the centres with a margin, in an equirectangular
/// projection scaled by the cosine of the centres' mean latitude, with a
/// marker and a name for each centre. Worked out once per build; the
/// templates draw it as inline SVG (`partials/centre-map.mustache`).
struct CentreMap: Sendable {
    struct Marker: Sendable {
        var centre: Site.CentrePage
        var point: MapPoint
        var label: MapLabels.Placement
    }

    /// A place shown only to find one's way, not a centre: London.
    struct Landmark: Sendable {
        var name: String
        var point: MapPoint
        var label: MapLabels.Placement
    }

    /// Places shown when they fall on the map, to find one's way: name, latitude, longitude.
    static let landmarks: [(String, Double, Double)] = [("London", 51.507, -0.128)]

    /// The size of the drawing in SVG user units (the `viewBox`).
    let width: Double
    let height: Double
    let projection: MapProjection
    /// SVG path data of each unit of the coastline (England, Wales), cropped to the drawing.
    let land: [String]
    let markers: [Marker]
    let landmarks: [Landmark]

    /// Width of the drawing; about one CSS pixel a unit on a phone.
    static let drawingWidth = 340.0
    /// Land shown around the outermost centres, in degrees of latitude (about 35 km).
    static let margin = 0.32
    /// The smallest area shown, in degrees of latitude each way, when the centres are close together.
    static let minimumSpan = 1.0

    /// Nil when there is no centre to show.
    init?(centres: [Site.CentrePage], coastline: Coastline?) {
        guard !centres.isEmpty else { return nil }
        let latitudes = centres.map(\.centre.coordinates.latitude)
        let longitudes = centres.map(\.centre.coordinates.longitude)
        let meanLatitude = latitudes.reduce(0, +) / Double(latitudes.count)
        let cosine = cos(meanLatitude * .pi / 180)
        // The centres' extent in degrees of latitude (longitude scaled by the cosine), widened to the minimum.
        var south = latitudes.min()!, north = latitudes.max()!
        var west = longitudes.min()!, east = longitudes.max()!
        let tall = max(0, Self.minimumSpan - (north - south)) / 2
        south -= tall + Self.margin
        north += tall + Self.margin
        let wide = max(0, Self.minimumSpan - (east - west) * cosine) / 2 / cosine
        west -= wide + Self.margin / cosine
        east += wide + Self.margin / cosine
        let scale = Self.drawingWidth / ((east - west) * cosine)
        let projection = MapProjection(west: west, north: north, cosine: cosine, scale: scale)
        self.projection = projection
        width = Self.drawingWidth
        height = ((north - south) * scale).rounded()

        let bounds = MapRect(x: 0, y: 0, width: width, height: height)
        // Cropped a little outside the drawing, so the edges the crop makes are never drawn.
        let crop = bounds.inset(by: -4)
        land = (coastline?.units ?? []).compactMap { unit in
            let rings = unit.rings.compactMap { ring -> String? in
                let points = RectClip.clip(ring.map { projection.point(latitude: $0.latitude, longitude: $0.longitude) }, to: crop)
                guard points.count >= 3 else { return nil }
                return "M" + points.map { "\(Self.number($0.x)) \(Self.number($0.y))" }.joined(separator: "L") + "Z"
            }
            return rings.isEmpty ? nil : rings.joined()
        }
        let points = centres.map { projection.point(latitude: $0.centre.coordinates.latitude, longitude: $0.centre.coordinates.longitude) }
        let places = Self.landmarks
            .map { (name: $0.0, point: projection.point(latitude: $0.1, longitude: $0.2)) }
            .filter { bounds.inset(by: 20).contains($0.point) }
        // Names of centres and landmarks are placed together, so none covers another.
        let labels = MapLabels.place(names: centres.map(\.centre.name) + places.map(\.name), at: points + places.map(\.point), within: bounds)
        markers = centres.indices.map { Marker(centre: centres[$0], point: points[$0], label: labels[$0]) }
        landmarks = places.indices.map { Landmark(name: places[$0].name, point: places[$0].point, label: labels[centres.count + $0]) }
    }

    /// A length in user units with one decimal at most: `12`, `12.5`, `-3.1`.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        let sign = tenths < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}

struct MapPoint: Equatable, Sendable {
    var x: Double
    var y: Double
}

struct MapRect: Equatable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ point: MapPoint) -> Bool {
        (x...maxX).contains(point.x) && (y...maxY).contains(point.y)
    }

    func inset(by amount: Double) -> MapRect {
        MapRect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// The area this rectangle shares with another.
    func overlap(_ other: MapRect) -> Double {
        max(0, min(maxX, other.maxX) - max(x, other.x)) * max(0, min(maxY, other.maxY) - max(y, other.y))
    }
}

/// Longitude and latitude to the drawing: x grows east, y south, both in
/// units of `scale` per degree of latitude.
struct MapProjection: Equatable, Sendable {
    var west: Double
    var north: Double
    var cosine: Double
    var scale: Double

    func point(latitude: Double, longitude: Double) -> MapPoint {
        MapPoint(x: (longitude - west) * cosine * scale, y: (north - latitude) * scale)
    }

    /// `west north cosine scale`, for the finder script to place a position on the map.
    var attribute: String {
        String(format: "%.5f %.5f %.6f %.4f", west, north, cosine, scale)
    }
}
