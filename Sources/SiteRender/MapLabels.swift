/// Where each centre's name goes on the map: beside its marker, on the first
/// side where it covers no other name or marker and stays inside the
/// drawing (right, left, above, below, then the corners), the most crowded
/// markers first. Text widths are estimated from the number of characters,
/// generously, since the browser's font is not known at build time.
enum MapLabels {
    struct Placement: Equatable, Sendable {
        /// The text's anchor point (its baseline) and `text-anchor`.
        var x: Double
        var y: Double
        var anchor: String
        /// The space the text is reckoned to take.
        var box: MapRect
    }

    /// The label's font size in user units (`.map-label` in styles.css).
    static let fontSize = 13.0
    /// Reckoned width of one character, in user units.
    static let characterWidth = 8.0
    /// Half the size of a marker, as names must keep clear of it.
    static let markerRadius = 7.0

    static func place(names: [String], at points: [MapPoint], within bounds: MapRect) -> [Placement] {
        let markers = points.map { MapRect(x: $0.x - markerRadius, y: $0.y - markerRadius, width: 2 * markerRadius, height: 2 * markerRadius) }
        let inside = bounds.inset(by: 2)
        // The most crowded first: they have the fewest good places. Each marker's neighbours
        // counted once, not at each of the sort's comparisons (for 2,000 centres, most of the map's time).
        let crowding = points.indices.map { neighbours(of: $0, in: points) }
        let order = points.indices.sorted { a, b in crowding[a] != crowding[b] ? crowding[a] > crowding[b] : a < b }
        var placed = [Placement?](repeating: nil, count: points.count), boxes: [MapRect] = []
        boxes.reserveCapacity(points.count)
        for index in order {
            let candidates = self.candidates(for: names[index], at: points[index])
            let cost = { (candidate: Placement) -> Double in
                let covered = markers.reduce(0) { $0 + $1.overlap(candidate.box) } + boxes.reduce(0) { $0 + $1.overlap(candidate.box) }
                let outside = candidate.box.width * candidate.box.height - inside.overlap(candidate.box)
                return covered + 10 * outside
            }
            // The first place that covers nothing, else the least bad: each place's cost worked out once.
            var costs: [Double] = []
            for candidate in candidates {
                costs.append(cost(candidate))
                if costs.last == 0 { break }
            }
            let chosen = costs.last == 0 ? candidates[costs.count - 1] : candidates[costs.indices.min { costs[$0] < costs[$1] }!]
            placed[index] = chosen
            boxes.append(chosen.box)
        }
        return placed.map { $0! }
    }

    /// Markers within 60 units of a marker.
    static func neighbours(of index: Int, in points: [MapPoint]) -> Int {
        points.indices.filter { other in
            let (dx, dy) = (points[other].x - points[index].x, points[other].y - points[index].y)
            return other != index && dx * dx + dy * dy < 3600
        }.count
    }

    static func candidates(for name: String, at point: MapPoint) -> [Placement] {
        let width = Double(name.count) * characterWidth + 2
        // Offsets of the text's baseline from the marker's centre.
        let beside = 9.0, up = -9.0, down = 19.0, corner = 5.0
        func label(_ dx: Double, _ dy: Double, _ anchor: String) -> Placement {
            let x = point.x + dx, y = point.y + dy
            let left = anchor == "start" ? x : anchor == "end" ? x - width : x - width / 2
            return Placement(x: x, y: y, anchor: anchor, box: MapRect(x: left, y: y - 10, width: width, height: fontSize))
        }
        return [
            label(beside, 4.5, "start"), label(-beside, 4.5, "end"), label(0, up, "middle"), label(0, down, "middle"),
            label(corner, up, "start"), label(corner, down - 2, "start"), label(-corner, up, "end"), label(-corner, down - 2, "end"),
        ]
    }
}
