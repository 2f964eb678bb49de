// libxml2, Brotli's encoder and libwebp, each loaded by the tool only when it
// first calls it (an SVG image or `--check`, `--compress`, a WebP image): see
// the .c files. Nothing here for Swift to call.
