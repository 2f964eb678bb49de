#ifndef SITE_BUILD_ID_H
#define SITE_BUILD_ID_H

#include <stddef.h>

/// The GNU build ID in ELF notes of `size` bytes, each padded to `align`
/// (4 or 8): its length, with `*id` pointing at it; 0 when the notes hold
/// none or are malformed (nothing is read past `size`).
size_t site_notes_build_id(const unsigned char *notes, size_t size, size_t align, const unsigned char **id);

/// The running program's build ID, read from its notes in memory (the
/// linker's hash of the whole program): its length, at most `capacity`
/// bytes copied to `id`; 0 when there is none (not Linux, or linked without one).
size_t site_program_build_id(unsigned char *id, size_t capacity);

#endif
