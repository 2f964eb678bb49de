import Foundation
import XCTest
@testable import SiteModel
@testable import SiteRender

/// The map of the centres on the home page and the finder: drawn at build
/// time from the centres' coordinates, one focusable, named link per centre,
/// no style attribute (the CSP refuses them), no script, nothing fetched.
final class CentreMapTests: XCTestCase {
    /// The real content, built once for the test that asks for it.
    private var built: Workspace?

    func workspace() throws -> Workspace {
        if let built { return built }
        let workspace = try Workspace(copying: Repository.content)
        _ = try workspace.build()
        built = workspace
        return workspace
    }

    override func tearDown() {
        built = nil  // removes its temporary folder
    }

    struct Marker: Equatable {
        var href: String
        var name: String
        var label: String
        var x: Double
        var y: Double
    }

    /// The map's markup and its markers, read from a built page.
    func map(in path: String) throws -> (svg: String, viewBox: [Double], markers: [Marker]) {
        let html = try workspace().read(path)
        let start = try XCTUnwrap(html.range(of: "<svg class=\"map\""), "\(path) has no map")
        let end = try XCTUnwrap(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        let svg = String(html[start.lowerBound..<end.upperBound])
        let viewBox = try XCTUnwrap(Self.groups(#"viewBox="([^"]+)""#, in: svg).first?.first)
            .split(separator: " ").compactMap { Double($0) }
        let markers = Self.groups(
            #"<a class="map-marker" href="([^"]+)" data-id="[^"]+" aria-label="([^"]+)"><circle class="map-hit" cx="([-0-9.]+)" cy="([-0-9.]+)"[^>]*/>.*?<text[^>]*>([^<]+)</text></a>"#,
            in: svg
        ).map { Marker(href: $0[0], name: $0[1], label: $0[4], x: Double($0[2]) ?? .nan, y: Double($0[3]) ?? .nan) }
        return (svg, viewBox, markers)
    }

    static func groups(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    func testTheFinderAndTheHomePageShowTwelveNamedLinksToTheCentres() throws {
        let workspace = try workspace()
        for (path, folder) in [("centres/index.html", "centres/"), ("index.html", "")] {
            let (svg, viewBox, markers) = try map(in: path)
            XCTAssertEqual(markers.count, 12, path)
            XCTAssertEqual(svg.components(separatedBy: "<a ").count - 1, 12, "\(path): every link of the map is a marker")
            XCTAssertEqual(Set(markers.map(\.href)).count, 12, path)
            for marker in markers {
                let target = try XCTUnwrap(SitePaths.resolve(marker.href, from: folder + "index.html"), marker.href)
                let page = try workspace.read(SitePaths.servedFile(for: target))
                XCTAssertTrue(page.contains("<h1>\(marker.name)</h1>"), "\(path): \(marker.href) is not the page of \(marker.name)")
                XCTAssertEqual(marker.name, "GenesisCare " + marker.label, path)
                XCTAssertTrue((0...viewBox[2]).contains(marker.x) && (0...viewBox[3]).contains(marker.y), "\(marker.label) is off the map")
            }
            XCTAssertEqual(markers.map(\.label).sorted(),
                           ["Birmingham", "Cambridge", "Chelmsford", "Elstree", "Guildford", "Kent", "Milton Keynes",
                            "Nottingham", "Oxford", "Portsmouth", "Southampton", "Windsor"])
            XCTAssertTrue(svg.contains("<path class=\"map-land\" d=\"M"), "\(path): the map has no coastline")
            XCTAssertFalse(svg.contains("style="), "\(path): the CSP refuses style attributes")
            XCTAssertFalse(svg.contains("<script") || svg.contains("<image") || svg.contains("http"), path)
        }
    }

    /// North is up and east is right: Nottingham is the northernmost centre,
    /// Chelmsford the easternmost, Birmingham the westernmost, Portsmouth and
    /// Southampton the southernmost.
    func testTheCentresStandWhereTheyAre() throws {
        let markers = Dictionary(uniqueKeysWithValues: try map(in: "centres/index.html").markers.map { ($0.label, $0) })
        let all = Array(markers.values)
        XCTAssertEqual(all.min { $0.y < $1.y }?.label, "Nottingham")
        XCTAssertEqual(all.max { $0.x < $1.x }?.label, "Chelmsford")
        XCTAssertEqual(all.min { $0.x < $1.x }?.label, "Birmingham")
        XCTAssertEqual(Set(all.sorted { $0.y > $1.y }.prefix(2).map(\.label)), ["Portsmouth", "Southampton"])
        // Oxford to Cambridge is about 110 km east and 50 km north; scaled by the
        // cosine of the latitude, the drawing keeps that shape.
        let (oxford, cambridge) = try (XCTUnwrap(markers["Oxford"]), XCTUnwrap(markers["Cambridge"]))
        let ratio = (cambridge.x - oxford.x) / (oxford.y - cambridge.y)
        XCTAssertEqual(ratio, (0.398 + 1.204) * cos(52.0 * .pi / 180) / (52.245 - 51.726), accuracy: 0.15)
    }

    func testNamesDoNotCoverEachOtherOrTheMarkers() throws {
        let site = try XCTUnwrap(validate(try workspace()).0)
        let map = try XCTUnwrap(CentreMap(centres: site.centres, coastline: nil))
        let bounds = MapRect(x: 0, y: 0, width: map.width, height: map.height)
        XCTAssertEqual(map.landmarks.map(\.name), ["London"])
        let labels = map.markers.map { ($0.centre.centre.name, $0.label.box) } + map.landmarks.map { ($0.name, $0.label.box) }
        for (index, (name, box)) in labels.enumerated() {
            for (other, otherBox) in labels[(index + 1)...] {
                XCTAssertEqual(box.overlap(otherBox), 0, "\(name) and \(other)")
            }
        }
        for (index, marker) in map.markers.enumerated() {
            XCTAssertEqual(bounds.overlap(marker.label.box), marker.label.box.width * marker.label.box.height,
                           "\(marker.centre.centre.name)'s name leaves the map")
            for other in map.markers[(index + 1)...] {
                XCTAssertEqual(marker.label.box.overlap(other.label.box), 0, "\(marker.centre.centre.name) and \(other.centre.centre.name)")
            }
            for other in map.markers where other.centre.centre.id != marker.centre.centre.id {
                let dot = MapRect(x: other.point.x - 5, y: other.point.y - 5, width: 10, height: 10)
                XCTAssertEqual(marker.label.box.overlap(dot), 0, "\(marker.centre.centre.name)'s name covers \(other.centre.centre.name)")
            }
        }
    }

    /// Names placed with each marker's crowding counted once and each place's
    /// cost worked out once are where the rule puts them, asking both anew
    /// at every turn: crowded and sparse maps, long names, points off the drawing.
    func testNamesArePlacedAsAgainstEveryMarkerAndName() {
        var generator = SeededGenerator(seed: 20261130)
        let bounds = MapRect(x: 0, y: 0, width: 640, height: 800)
        for count in [0, 1, 2, 12, 40, 120] {
            for spread in [40.0, 200.0, 800.0] {
                let points = (0..<count).map { _ in
                    MapPoint(x: Double.random(in: -20...(spread + 20), using: &generator), y: Double.random(in: -20...(spread + 20), using: &generator))
                }
                let names = (0..<count).map { index in
                    String(repeating: "n", count: index % 29 == 3 ? 400 : Int.random(in: 1...30, using: &generator))
                }
                XCTAssertEqual(MapLabels.place(names: names, at: points, within: bounds), Self.placedAgainstAll(names, points, bounds),
                               "\(count) centres over \(spread)")
            }
        }
    }

    /// The rule: the first place that costs nothing, else the least bad, each cost summed over every marker, then every name placed so far.
    private static func placedAgainstAll(_ names: [String], _ points: [MapPoint], _ bounds: MapRect) -> [MapLabels.Placement] {
        let radius = MapLabels.markerRadius
        let markers = points.map { MapRect(x: $0.x - radius, y: $0.y - radius, width: 2 * radius, height: 2 * radius) }
        let inside = bounds.inset(by: 2)
        let crowding = points.indices.map { index in
            points.indices.filter { other in
                let (dx, dy) = (points[other].x - points[index].x, points[other].y - points[index].y)
                return other != index && dx * dx + dy * dy < 3600
            }.count
        }
        let order = points.indices.sorted { a, b in crowding[a] != crowding[b] ? crowding[a] > crowding[b] : a < b }
        var placed: [MapLabels.Placement?] = Array(repeating: nil, count: points.count), inOrder: [MapRect] = []
        for index in order {
            let candidates = MapLabels.candidates(for: names[index], at: points[index])
            let cost = { (candidate: MapLabels.Placement) -> Double in
                let covered = (markers + inOrder).reduce(0) { $0 + $1.overlap(candidate.box) }
                return covered + 10 * (candidate.box.width * candidate.box.height - inside.overlap(candidate.box))
            }
            let chosen = candidates.first { cost($0) == 0 } ?? candidates.min { cost($0) < cost($1) }!
            placed[index] = chosen
            inOrder.append(chosen.box)
        }
        return placed.map { $0! }
    }

    func testNoCentreNoMap() {
        XCTAssertNil(CentreMap(centres: [], coastline: nil))
    }

    func testTheCoastlineResourceLoads() throws {
        let coastline = try Coastline.englandAndWales.get()
        XCTAssertEqual(coastline.units.map(\.name), ["England", "Wales"])
        let points = coastline.units.flatMap(\.rings).flatMap { $0 }
        XCTAssertTrue((300...1000).contains(points.count), "\(points.count) points")
        XCTAssertTrue(points.allSatisfy { (-6.5...2).contains($0.longitude) && (49.8...56).contains($0.latitude) })
        XCTAssertTrue(coastline.source.contains("Natural Earth"))
    }

    func testABrokenCoastlineIsAnErrorNotAMap() {
        let threeNumbers = #"{"source": "s", "units": [{"name": "England", "rings": [[[0, 51, 3]]]}]}"#
        guard case .failure(let point) = Coastline.decode(Data(threeNumbers.utf8)) else { return XCTFail("a point of three numbers was read") }
        XCTAssertTrue(point.message.contains("not [longitude, latitude]"), point.message)
        let oneNumber = #"{"source": "s", "units": [{"name": "England", "rings": [[[0, 51], [1]]]}]}"#
        guard case .failure(let short) = Coastline.decode(Data(oneNumber.utf8)) else { return XCTFail("a point of one number was read") }
        XCTAssertTrue(short.message.contains("cannot be read"), short.message)
        let noName = #"{"source": "s", "units": [{"rings": [[[0, 51], [1, 52], [0, 52]]]}]}"#
        guard case .failure(let unnamed) = Coastline.decode(Data(noName.utf8)) else { return XCTFail("a unit without a name was read") }
        XCTAssertTrue(unnamed.message.contains("cannot be read"), unnamed.message)
        guard case .failure(let json) = Coastline.decode(Data(#"{"source": "s", "units": [{"#.utf8)) else { return XCTFail("cut JSON was read") }
        XCTAssertTrue(json.message.contains("cannot be read"), json.message)
    }

    func testCroppingAPolygonKeepsThePartInside() {
        let square = [MapPoint(x: -10, y: -10), MapPoint(x: 10, y: -10), MapPoint(x: 10, y: 10), MapPoint(x: -10, y: 10)]
        let clipped = RectClip.clip(square, to: MapRect(x: 0, y: 0, width: 100, height: 100))
        XCTAssertEqual(Set(clipped.map { "\($0.x),\($0.y)" }), ["0.0,0.0", "10.0,0.0", "10.0,10.0", "0.0,10.0"])
        XCTAssertEqual(RectClip.clip(square, to: MapRect(x: 50, y: 50, width: 10, height: 10)), [])
    }

    func testNumbersInTheDrawing() {
        XCTAssertEqual(CentreMap.number(12), "12")
        XCTAssertEqual(CentreMap.number(12.46), "12.5")
        XCTAssertEqual(CentreMap.number(-3.14), "-3.1")
        XCTAssertEqual(CentreMap.number(-0.01), "0")
    }
}
