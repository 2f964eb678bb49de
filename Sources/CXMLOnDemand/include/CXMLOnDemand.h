// libxml2, loaded by the tool only when it first parses (an SVG image's size
// and safety, `site check`'s pages): see xml-on-demand.c. Nothing here for Swift to call.
