#ifndef SITE_CMARK_ARENA_H
#define SITE_CMARK_ARENA_H

#include <cmark.h>

/// An allocator for one cmark document: every block it gives lives in the
/// document's own arena until `site_cmark_arena_give_back`, and freeing one
/// block does nothing (up to the arena's limit: see `site_cmark_arena_overflowed`).
/// When every arena is taken, cmark's default allocator.
cmark_mem *site_cmark_arena_take(void);

/// Whether `mem` is one of the arenas (not cmark's default allocator).
int site_cmark_arena_is_arena(const cmark_mem *mem);

/// Whether the arena `mem` went past its limit: its later blocks came from the
/// general allocator, and the tree must be freed node by node before it goes.
int site_cmark_arena_overflowed(const cmark_mem *mem);

/// Frees every block allocated through `mem` at once, if it is an arena, and
/// makes the arena free for another document. Nothing it gave may be used after.
/// The arena keeps its largest chunk (at most 1 MB), empty, for its next document.
void site_cmark_arena_give_back(cmark_mem *mem);

/// The bytes an arena holds in blocks it gave (for tests).
size_t site_cmark_arena_bytes(const cmark_mem *mem);

/// The bytes of the chunks an arena holds, kept or in use, and their number in `chunks` (for tests).
size_t site_cmark_arena_held(const cmark_mem *mem, size_t *chunks);

#endif
