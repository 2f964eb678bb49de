/// Crops a closed polygon to a rectangle (Sutherland and Hodgman: one edge
/// of the rectangle at a time). A polygon that leaves the rectangle and comes
/// back gets edges along the rectangle's sides; the map crops a little
/// outside what it shows, so those are never seen.
enum RectClip {
    static func clip(_ polygon: [MapPoint], to rect: MapRect) -> [MapPoint] {
        var points = polygon
        let edges: [(inside: (MapPoint) -> Bool, cross: (MapPoint, MapPoint) -> MapPoint)] = [
            ({ $0.x >= rect.x }, { at(x: rect.x, $0, $1) }),
            ({ $0.x <= rect.maxX }, { at(x: rect.maxX, $0, $1) }),
            ({ $0.y >= rect.y }, { at(y: rect.y, $0, $1) }),
            ({ $0.y <= rect.maxY }, { at(y: rect.maxY, $0, $1) }),
        ]
        for edge in edges {
            guard let last = points.last else { return [] }
            var kept: [MapPoint] = []
            var previous = last
            for point in points {
                switch (edge.inside(previous), edge.inside(point)) {
                case (true, true): kept.append(point)
                case (true, false): kept.append(edge.cross(previous, point))
                case (false, true): kept += [edge.cross(previous, point), point]
                case (false, false): break
                }
                previous = point
            }
            points = kept
        }
        return points
    }

    /// Where the segment from `a` to `b` meets the vertical line at `x`.
    private static func at(x: Double, _ a: MapPoint, _ b: MapPoint) -> MapPoint {
        MapPoint(x: x, y: a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x))
    }

    /// Where the segment from `a` to `b` meets the horizontal line at `y`.
    private static func at(y: Double, _ a: MapPoint, _ b: MapPoint) -> MapPoint {
        MapPoint(x: a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y: y)
    }
}
