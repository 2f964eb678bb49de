import Foundation

/// A calendar date as editors write it (`2026-11-20`), with no time zone, so
/// a build gives the same pages wherever and whenever it runs.
public struct Day: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` and nothing else.
    public init?(iso text: String) {
        // Ten ASCII bytes, digits but for the two hyphens: read on the bytes (every page has a date or two).
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var iso: String {
        // Written digit by digit (every page and the sitemap ask for it); years outside 0...9999 as numbers.
        if (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) {
            return String(unsafeUninitializedCapacity: 10) { buffer in
                func put(_ value: Int, at index: Int) { buffer[index] = UInt8(ascii: "0") + UInt8(value) }
                put(year / 1000, at: 0); put(year / 100 % 10, at: 1); put(year / 10 % 10, at: 2); put(year % 10, at: 3)
                put(month / 10, at: 5); put(month % 10, at: 6); put(day / 10, at: 8); put(day % 10, at: 9)
                buffer[4] = UInt8(ascii: "-")
                buffer[7] = UInt8(ascii: "-")
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `20 November 2026`, the form UK health pages use.
    public var longForm: String {
        "\(day) \(Day.monthNames[month - 1]) \(year)"
    }

    public var description: String { iso }

    /// The same day `years` later (29 February falls back to the 28th).
    public func adding(years: Int) -> Day {
        Day(year: year + years, month: month, day: day) ?? Day(year: year + years, month: month, day: day - 1)!
    }

    /// Days from this day to `other`: negative when `other` is earlier.
    public func days(until other: Day) -> Int {
        other.dayNumber - dayNumber
    }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar: a
    /// count in which leap days fall at the end of each year.
    var dayNumber: Int {
        let shifted = month <= 2 ? year - 1 : year
        let monthFromMarch = (month + 9) % 12
        return 365 * shifted + shifted / 4 - shifted / 100 + shifted / 400 + (153 * monthFromMarch + 2) / 5 + day - 1
    }

    /// The UTC day of a time in seconds since 1970.
    public init(secondsSince1970 seconds: Int) {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        // 1970-01-01 is day 719468 of the count above.
        var number = days + 719_468
        let era = (number >= 0 ? number : number - 146_096) / 146_097
        number -= era * 146_097
        let yearOfEra = (number - number / 1460 + number / 36524 - number / 146_096) / 365
        let dayOfYear = number - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today for the build: `--today` when given, else `SOURCE_DATE_EPOCH`
    /// (reproducible builds), else the clock; UTC, so every machine agrees.
    public static func today(given: Day? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                             now: Date = Date()) -> Day {
        if let given { return given }
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) { return Day(secondsSince1970: epoch) }
        return Day(secondsSince1970: Int(now.timeIntervalSince1970))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
