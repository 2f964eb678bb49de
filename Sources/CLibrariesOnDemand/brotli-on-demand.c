// Brotli's encoder functions that the tool calls (on-demand.h): only
// `site build --compress` writes `.br` files.
#include "on-demand.h"
#pragma GCC visibility push(hidden)
#include <brotli/encode.h>

static struct {
    size_t (*max_compressed_size)(size_t);
    BROTLI_BOOL (*compress)(int, int, BrotliEncoderMode, size_t, const uint8_t *, size_t *, uint8_t *);
} brotli;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = site_open_library("libbrotlienc.so.1", "libbrotli1");
    *(void **)&brotli.max_compressed_size = site_find_symbol(library, "BrotliEncoderMaxCompressedSize", "libbrotlienc", "libbrotli1");
    *(void **)&brotli.compress = site_find_symbol(library, "BrotliEncoderCompress", "libbrotlienc", "libbrotli1");
}

size_t BrotliEncoderMaxCompressedSize(size_t input_size) {
    pthread_once(&loaded, load);
    return brotli.max_compressed_size(input_size);
}

BROTLI_BOOL BrotliEncoderCompress(int quality, int lgwin, BrotliEncoderMode mode, size_t input_size,
                                  const uint8_t input_buffer[BROTLI_ARRAY_PARAM(input_size)], size_t *encoded_size,
                                  uint8_t encoded_buffer[BROTLI_ARRAY_PARAM(*encoded_size)]) {
    pthread_once(&loaded, load);
    return brotli.compress(quality, lgwin, mode, input_size, input_buffer, encoded_size, encoded_buffer);
}
