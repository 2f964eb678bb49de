import Foundation
import SiteModel

extension CentreIndex {
    /// The index of a validated site's centres, by id.
    init(site: Site) {
        let paths = site.settings.paths
        self.init(
            schema: paths.absoluteURL(Self.schemaFileName), provider: site.settings.provider, telephone: site.settings.telephone,
            centres: site.centres.map { entry in
                let centre = entry.centre
                return Record(id: centre.id, name: centre.name, address: centre.address, town: centre.town, postcode: centre.postcode,
                              telephone: centre.telephone,
                              coordinates: Point(latitude: centre.coordinates.latitude, longitude: centre.coordinates.longitude,
                                                 approximate: centre.coordinates.approximate),
                              services: centre.services, url: paths.absoluteURL(entry.page.path), path: entry.page.path)
            }
            .sorted { $0.id < $1.id })
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
