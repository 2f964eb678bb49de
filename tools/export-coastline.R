#!/usr/bin/env Rscript
# Exports the outlines of England and Wales for the centre map, once, into
# Sources/SiteRender/Resources/england-wales.json (committed; compiled into the
# tool, which crops and projects it around the centres).
#
# Source: Natural Earth, "Admin 0 - Details: map units" at 1:50m, public
# domain (https://www.naturalearthdata.com/about/terms-of-use/), as Debian
# packages it in r-cran-rnaturalearthdata (object map_units50). At 1:50m a
# ring of the coast has a point every few kilometres: a few hundred points
# for both countries, enough for a map a few hundred pixels wide, so the
# outlines are kept as they are (rounded to 3 decimals, about 100 m).
#
# Usage (Debian): apt-get install r-base-core r-cran-rnaturalearthdata r-cran-sp
#   Rscript tools/export-coastline.R [OUTPUT]
suppressMessages({
  library(sp)
  library(rnaturalearthdata)
})

args <- commandArgs(trailingOnly = TRUE)
output <- if (length(args) >= 1) args[[1]] else "Sources/SiteRender/Resources/england-wales.json"

units <- map_units50
version <- as.character(packageVersion("rnaturalearthdata"))

ring_json <- function(coords) {
  # sp repeats the first point at the end of a ring; the map closes rings itself.
  if (nrow(coords) > 1 && all(coords[1, ] == coords[nrow(coords), ])) {
    coords <- coords[-nrow(coords), , drop = FALSE]
  }
  points <- sprintf("[%.3f,%.3f]", coords[, 1], coords[, 2])
  paste0("[", paste(points, collapse = ","), "]")
}

unit_json <- function(name) {
  row <- which(units$geounit == name)
  stopifnot(length(row) == 1)
  polygons <- units@polygons[[row]]@Polygons
  rings <- vapply(polygons[!vapply(polygons, function(p) p@hole, logical(1))],
                  function(p) ring_json(p@coords), character(1))
  count <- sum(vapply(polygons, function(p) nrow(p@coords) - 1L, integer(1)))
  message(sprintf("%s: %d rings, %d points", name, length(rings), count))
  sprintf("    {\"name\": \"%s\", \"rings\": [\n      %s\n    ]}", name, paste(rings, collapse = ",\n      "))
}

json <- paste0(
  "{\n",
  "  \"source\": \"Natural Earth 1:50m Admin 0 map units (public domain), from Debian's r-cran-rnaturalearthdata ",
  version, " (map_units50), exported by tools/export-coastline.R\",\n",
  "  \"coordinates\": \"[longitude, latitude], WGS 84, 3 decimals; each ring closes on its first point\",\n",
  "  \"units\": [\n",
  paste(vapply(c("England", "Wales"), unit_json, character(1)), collapse = ",\n"),
  "\n  ]\n}\n")
writeLines(json, output, sep = "")
message("wrote ", output)
