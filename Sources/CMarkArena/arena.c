// Arenas for libcmark's documents, through its custom allocator (`cmark_mem`).
// A parse allocates each node and buffer on its own and frees them one by one
// with the tree: in a clean build of 300 pages, libcmark's calls to the general
// allocator were 85 of 1,318 million instructions. Here a block is a bump in
// its document's arena, freeing one does nothing, and the arena is emptied with
// the document. It keeps its largest chunk for its next document: taken from the
// general allocator and given back for each page, the chunks (16 KB and up, which
// jemalloc hands out as large blocks) cost 5 million instructions on 300 pages,
// and 10,000 pages built in 0.979 of the time with them kept (20 pairs of builds).
// `cmark_mem` passes no context: each arena has its own functions.
// What a document frees stays in its arena until it goes: past ARENA_LIMIT bytes
// (a generated page's parse and render fill some 150 KB, the largest 363 KB; with
// no limit, a hostile 1 MB page's raised a build's peak by up to 73 MB), a
// document's further blocks come from the general allocator, freed as cmark frees them.
#include "cmark_arena.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENAS 32
#define ALIGN 8
#define FIRST_CHUNK (16 * 1024)
#define LARGEST_CHUNK (1024 * 1024)
#define ARENA_LIMIT (8 * 1024 * 1024)

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
} chunk;

typedef struct {
    chunk *current;
    chunk *full;
    size_t next_size;
    size_t bytes;
    int overflowed;
} arena;

// Each block starts with its capacity, so that `realloc` knows what to copy,
// and whether the general allocator gave it (past the limit). Eight bytes, and
// blocks eight-aligned as cmark's structures need: most of a parse's blocks are
// small (a text node's literal is a few bytes).
typedef struct {
    size_t capacity : 63;
    size_t general : 1;
} block;

static arena arenas[ARENAS];
static unsigned char taken[ARENAS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *out_of_memory(void) {
    fputs("[cmark] out of memory, aborting\n", stderr);
    abort();
}

static size_t rounded(size_t size) {
    return (size + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
}

// A block of `need` bytes, header included, at the end of what chunk `c` holds.
static inline void *bump(arena *a, chunk *c, size_t need) {
    block *b = (block *)((char *)(c + 1) + c->used);
    c->used += need;
    a->bytes += need;
    *b = (block){.capacity = need - sizeof(block), .general = 0};
    return b + 1;
}

// Past the current chunk's room or the arena's limit, or of no size: a new chunk, or the general allocator.
__attribute__((noinline)) static void *allocate_slowly(arena *a, size_t size) {
    if (size > SIZE_MAX / 2) return out_of_memory();
    size_t capacity = rounded(size ? size : 1);
    size_t need = sizeof(block) + capacity;
    if (a->bytes + need > ARENA_LIMIT) {
        a->overflowed = 1;
        block *b = malloc(need);
        if (!b) return out_of_memory();
        b->capacity = capacity;
        b->general = 1;
        return b + 1;
    }
    chunk *c = a->current;
    if (!c || c->size - c->used < need) {
        if (!a->next_size) a->next_size = FIRST_CHUNK;
        // A block too large for the next chunk gets a chunk of its own, kept behind the current one.
        int alone = need > a->next_size / 2;
        size_t size = alone ? need : a->next_size;
        c = malloc(sizeof(chunk) + size);
        if (!c) return out_of_memory();
        c->size = size;
        c->used = 0;
        if (alone) {
            c->next = a->full;
            a->full = c;
        } else {
            if (a->current) {
                a->current->next = a->full;
                a->full = a->current;
            }
            c->next = NULL;
            a->current = c;
            if (a->next_size < LARGEST_CHUNK) a->next_size *= 2;
        }
    }
    return bump(a, c, need);
}

// A block from the current chunk, in a few instructions: most of cmark's some 1,500 calls a page.
// Apart from the rest, so that it saves no registers for the calls the rest makes.
static inline void *allocate(arena *a, size_t size) {
    chunk *c = a->current;
    size_t need = sizeof(block) + rounded(size);
    if (size - 1 < SIZE_MAX / 2 && c && c->size - c->used >= need && a->bytes + need <= ARENA_LIMIT) return bump(a, c, need);
    return allocate_slowly(a, size);
}

static void *arena_calloc(arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return out_of_memory();
    void *p = allocate(a, count * size);
    memset(p, 0, count * size);
    return p;
}

static void *arena_realloc(arena *a, void *pointer, size_t size) {
    if (!pointer) return allocate(a, size);
    block *b = (block *)pointer - 1;
    if (size <= b->capacity) return pointer;
    if (b->general) {
        if (size > SIZE_MAX / 2) return out_of_memory();
        size_t capacity = rounded(size);
        block *grown = realloc(b, sizeof(block) + capacity);
        if (!grown) return out_of_memory();
        grown->capacity = capacity;
        return grown + 1;
    }
    chunk *c = a->current;
    // The last block of the current chunk grows where it is, if the chunk has room.
    if (c && (char *)pointer + b->capacity == (char *)(c + 1) + c->used && size <= SIZE_MAX / 2) {
        size_t more = rounded(size) - b->capacity;
        if (c->size - c->used >= more) {
            c->used += more;
            a->bytes += more;
            b->capacity += more;
            return pointer;
        }
    }
    void *moved = allocate(a, size);
    memcpy(moved, pointer, b->capacity);
    return moved;
}

static void arena_free(void *pointer) {
    if (!pointer) return;
    block *b = (block *)pointer - 1;
    if (b->general) free(b);
}

// Each arena's own `calloc` and `realloc` (its `free` does nothing), and its `cmark_mem`.
#define ARENA_LIST(X) \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) \
    X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
#define ARENA_FUNCTIONS(i) \
    static void *calloc_##i(size_t count, size_t size) { return arena_calloc(&arenas[i], count, size); } \
    static void *realloc_##i(void *pointer, size_t size) { return arena_realloc(&arenas[i], pointer, size); }
ARENA_LIST(ARENA_FUNCTIONS)
#define ARENA_MEM(i) {calloc_##i, realloc_##i, arena_free},
static cmark_mem mems[ARENAS] = {ARENA_LIST(ARENA_MEM)};

cmark_mem *site_cmark_arena_take(void) {
    pthread_mutex_lock(&lock);
    for (int i = 0; i < ARENAS; i++) {
        if (!taken[i]) {
            taken[i] = 1;
            pthread_mutex_unlock(&lock);
            return &mems[i];
        }
    }
    pthread_mutex_unlock(&lock);
    return cmark_get_default_mem_allocator();
}

static int index_of(const cmark_mem *mem) {
    for (int i = 0; i < ARENAS; i++) {
        if (mem == &mems[i]) return i;
    }
    return -1;
}

int site_cmark_arena_is_arena(const cmark_mem *mem) {
    return index_of(mem) >= 0;
}

int site_cmark_arena_overflowed(const cmark_mem *mem) {
    int i = index_of(mem);
    return i >= 0 && arenas[i].overflowed;
}

void site_cmark_arena_give_back(cmark_mem *mem) {
    int i = index_of(mem);
    if (i < 0) return;
    arena *a = &arenas[i];
    // The current chunk, the largest of the chain, is kept for the arena's next
    // document, emptied (see the top of this file).
    chunk *kept = a->current;
    if (kept) {
        for (chunk *c = kept->next; c;) {
            chunk *next = c->next;
            free(c);
            c = next;
        }
    }
    for (chunk *c = a->full; c;) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    *a = (arena){0};
    if (kept) {
        kept->next = NULL;
        kept->used = 0;
        a->current = kept;
        a->next_size = kept->size < LARGEST_CHUNK ? kept->size * 2 : LARGEST_CHUNK;
    }
    pthread_mutex_lock(&lock);
    taken[i] = 0;
    pthread_mutex_unlock(&lock);
}

size_t site_cmark_arena_bytes(const cmark_mem *mem) {
    int i = index_of(mem);
    return i < 0 ? 0 : arenas[i].bytes;
}

size_t site_cmark_arena_held(const cmark_mem *mem, size_t *chunks) {
    int i = index_of(mem);
    size_t bytes = 0;
    *chunks = 0;
    if (i < 0) return 0;
    for (chunk *c = arenas[i].current; c; c = c->next) bytes += c->size, ++*chunks;
    for (chunk *c = arenas[i].full; c; c = c->next) bytes += c->size, ++*chunks;
    return bytes;
}
