/// The version of the `site` tool, as `site --version` prints it.
public enum SiteVersion {
    public static let current = "1.1.0"
}
