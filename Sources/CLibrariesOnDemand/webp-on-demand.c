// libwebp's function that the tool calls (on-demand.h): only a WebP image's
// width and height are read.
#include "on-demand.h"
#pragma GCC visibility push(hidden)
// Not exported from the tool: the header marks its functions visible by default.
#define WEBP_EXTERN extern
#include <webp/decode.h>

static int (*get_info)(const uint8_t *, size_t, int *, int *);

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = site_open_library("libwebp.so.7", "libwebp7");
    *(void **)&get_info = site_find_symbol(library, "WebPGetInfo", "libwebp", "libwebp7");
}

int WebPGetInfo(const uint8_t *data, size_t data_size, int *width, int *height) {
    pthread_once(&loaded, load);
    return get_info(data, data_size, width, height);
}
