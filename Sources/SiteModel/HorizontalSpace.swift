extension Unicode.Scalar {
    /// A tab or one of Unicode's space separators: Foundation's `.whitespaces`,
    /// told without Foundation (which copies the text to UTF-16 first).
    public var isHorizontalSpace: Bool {
        self == " " || self == "\t" || (!isASCII && properties.generalCategory == .spaceSeparator)
    }
}
