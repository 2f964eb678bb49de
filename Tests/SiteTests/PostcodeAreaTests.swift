import Foundation
import XCTest
@testable import SiteModel

/// `templates/static/postcode-areas.json`, the table the centre finder
/// measures distances from (made by tools/postcode-areas.py): every UK
/// postcode area once, each at a position inside the UK, and published with
/// the site.
final class PostcodeAreaTests: XCTestCase {
    struct Table: Decodable {
        struct Area: Decodable {
            var name: String
            var town: String
            var latitude: Double
            var longitude: Double
        }

        var source: String
        var areas: [String: Area]
    }

    func table() throws -> Table {
        let url = Repository.templates.appendingPathComponent("static/postcode-areas.json")
        return try JSONDecoder().decode(Table.self, from: Data(contentsOf: url))
    }

    func testEveryAreaIsOneOrTwoCapitalLettersAtAPlaceInTheUK() throws {
        let table = try table()
        XCTAssertEqual(table.areas.count, 124, "the UK has 124 postcode areas, AB to ZE")
        for (code, area) in table.areas {
            XCTAssertNotNil(code.range(of: #"^[A-Z]{1,2}$"#, options: .regularExpression), "'\(code)' is not a postcode area")
            // Great Britain, Northern Ireland, the Channel Islands, the Isle of Man and Shetland.
            XCTAssertTrue((49.1...61.0).contains(area.latitude), "\(code) \(area.town): latitude \(area.latitude)")
            XCTAssertTrue((-8.7...1.8).contains(area.longitude), "\(code) \(area.town): longitude \(area.longitude)")
            XCTAssertFalse(area.name.isEmpty || area.town.isEmpty, code)
        }
        XCTAssertEqual(table.areas.keys.min(), "AB")
        XCTAssertEqual(table.areas.keys.max(), "ZE")
        XCTAssertTrue(table.source.contains("GeoNames") && table.source.contains("tools/postcode-areas.py"), table.source)
    }

    /// A few towns where everyone knows they are: the table has not been shuffled.
    func testKnownTowns() throws {
        let areas = try table().areas
        for (code, town, latitude, longitude) in [("LS", "Leeds", 53.8, -1.55), ("NG", "Nottingham", 52.95, -1.15),
                                                  ("BT", "Belfast", 54.6, -5.93), ("AB", "Aberdeen", 57.15, -2.1),
                                                  ("TR", "Truro", 50.26, -5.05), ("ZE", "Lerwick", 60.15, -1.14)] {
            let area = try XCTUnwrap(areas[code], code)
            XCTAssertEqual(area.town, town)
            XCTAssertEqual(area.latitude, latitude, accuracy: 0.1, code)
            XCTAssertEqual(area.longitude, longitude, accuracy: 0.1, code)
        }
    }

    /// The finder puts a centre's own area first: every centre's area is in the table, and is published.
    func testEveryCentresAreaIsInTheTableAndTheTableIsPublished() throws {
        let workspace = try Workspace(copying: Repository.content)
        _ = try workspace.build()
        let areas = try table().areas
        let index = try JSONDecoder().decode(CentreIndex.self, from: Data(contentsOf: workspace.output.appendingPathComponent("centres.json")))
        for centre in index.centres {
            let area = String(centre.postcode.prefix { $0.isLetter })
            XCTAssertNotNil(areas[area], "\(centre.id): \(area)")
        }
        let published = try Data(contentsOf: workspace.output.appendingPathComponent("postcode-areas.json"))
        XCTAssertEqual(published, try Data(contentsOf: Repository.templates.appendingPathComponent("static/postcode-areas.json")))
        XCTAssertTrue(try workspace.read("centres/index.html").contains(#"data-areas="../postcode-areas.json""#))
    }
}
