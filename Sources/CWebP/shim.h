// libwebp's decoder header, for WebPGetInfo: a WebP image's width and height.
#include <webp/decode.h>
