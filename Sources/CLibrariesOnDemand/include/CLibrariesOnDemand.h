// libxml2, Brotli's encoder, libwebp and libcurl, each loaded by the tool only
// when it first calls it (an SVG image or `--check`, `--compress`, a WebP
// image, `site check --external`): see the .c files. Nothing here for Swift to call.
