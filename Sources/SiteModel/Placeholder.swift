/// Marks what an editor still has to write in a new content file
/// (`site new`); validation rejects a file that still holds it.
public enum Placeholder {
    public static let text = "FILL IN"
}
