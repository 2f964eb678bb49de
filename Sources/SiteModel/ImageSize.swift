/// An image's width and height in pixels, read from the file, so that the
/// page keeps its layout while the image loads.
public struct ImageSize: Equatable, Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
