/* Speed and size of gzip (zlib) and brotli at each level on a built site's
   text files, on one core: what `site build --compress` chose its levels by.
   Usage: cc -O2 bench/compression-levels.c -lz -lbrotlienc -o /tmp/levels
          find public -name '*.html' -o -name '*.css' ... | /tmp/levels
   (file names on standard input, one a line). */
#include <brotli/encode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static size_t gzip(const unsigned char *in, size_t size, unsigned char *out, size_t capacity, int level) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit2(&s, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    s.next_in = (unsigned char *)in;
    s.avail_in = (uInt)size;
    s.next_out = out;
    s.avail_out = (uInt)capacity;
    int result = deflate(&s, Z_FINISH);
    size_t written = s.total_out;
    deflateEnd(&s);
    return result == Z_STREAM_END ? written : 0;
}

int main(void) {
    size_t count = 0, total = 0;
    unsigned char **files = NULL;
    size_t *sizes = NULL;
    char name[4096];
    while (fgets(name, sizeof name, stdin)) {
        name[strcspn(name, "\n")] = 0;
        FILE *f = fopen(name, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        files = realloc(files, (count + 1) * sizeof *files);
        sizes = realloc(sizes, (count + 1) * sizeof *sizes);
        files[count] = malloc(size > 0 ? size : 1);
        sizes[count] = fread(files[count], 1, size, f);
        total += sizes[count++];
        fclose(f);
    }
    unsigned char *out = malloc(total * 2 + 65536);
    printf("%zu files, %.2f MB\n", count, total / 1e6);
    for (int level = 6; level <= 9; level += 3) {
        double start = now();
        size_t packed = 0;
        for (size_t i = 0; i < count; i++) packed += gzip(files[i], sizes[i], out, total * 2 + 65536, level);
        double seconds = now() - start;
        printf("gzip -%d       %6.1f%% of the size  %7.1f MB/s\n", level, 100.0 * packed / total, total / 1e6 / seconds);
    }
    for (int quality = 4; quality <= 11; quality++) {
        double start = now();
        size_t packed = 0;
        for (size_t i = 0; i < count; i++) {
            size_t size = total * 2 + 65536;
            if (BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, sizes[i], files[i], &size, out)) packed += size;
        }
        double seconds = now() - start;
        printf("brotli -q %-2d  %6.1f%% of the size  %7.1f MB/s\n", quality, 100.0 * packed / total, total / 1e6 / seconds);
    }
    return 0;
}
