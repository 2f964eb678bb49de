/// The editorial rules a page is held to beyond its fields: health
/// information that patients can read and trust.
public enum EditorialRule: String, CaseIterable, Sendable, Comparable, Codable {
    case readingLevel = "reading-level"
    case prescriptionBrand = "prescription-brand"
    case figureWithoutEvidence = "figure-without-evidence"
    case claim = "claim"
    case uncitedReference = "uncited-reference"
    case serviceWithoutCitation = "service-without-citation"
    case telephoneFormat = "telephone-format"
    case telephoneLink = "telephone-link"

    /// Rules that protect patients: a page may allow a finding with a reason,
    /// but the site may not switch the rule off.
    public var protectsPatients: Bool {
        self == .prescriptionBrand || self == .figureWithoutEvidence || self == .claim
    }

    public static func < (lhs: EditorialRule, rhs: EditorialRule) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who a page is written for: patients (the default) or clinicians.
public enum Audience: String, Sendable, CaseIterable {
    case patients, professional
}

/// `editorial:` of `site.yaml`.
public struct EditorialSettings: Sendable, Equatable {
    /// Flesch-Kincaid grade above which a patient page is flagged.
    public var readingGradeMax: Double = 8
    /// Prescription-only medicines whose brand names patient pages may not advertise.
    public var prescriptionBrands: [String] = ["Pluvicto", "Lutathera", "Xofigo"]
    /// Rules whose findings are errors rather than warnings.
    public var errors: Set<EditorialRule> = []
    /// Rules switched off for the whole site (never one that protects patients).
    public var off: Set<EditorialRule> = []

    public init() {}
}
