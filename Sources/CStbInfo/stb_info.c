// stb_image compiled once, static, with only the readers of the three
// formats whose size the site reads; no decoder is ever called.
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_GIF
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_NO_FAILURE_STRINGS
#include <stb_image.h>

#include "stb_info.h"

int site_image_info(const char *path, int *width, int *height) {
    int components = 0;
    return stbi_info(path, width, height, &components);
}
