#ifndef SITE_STB_INFO_H
#define SITE_STB_INFO_H

/// The width and height in a PNG, JPEG or GIF file's header: 1 when the
/// file is one of those and says its size, 0 otherwise.
int site_image_info(const char *path, int *width, int *height);

#endif
