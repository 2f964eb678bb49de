#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include "build_id.h"
#if defined(__linux__)
#include <elf.h>
#include <link.h>
#endif

size_t site_notes_build_id(const unsigned char *notes, size_t size, size_t align, const unsigned char **id) {
    if (align != 4 && align != 8) return 0;
    size_t offset = 0;
    while (size - offset >= 12) {
        uint32_t name_size, desc_size, type;
        memcpy(&name_size, notes + offset, 4);
        memcpy(&desc_size, notes + offset + 4, 4);
        memcpy(&type, notes + offset + 8, 4);
        offset += 12;
        size_t name_space = ((size_t)name_size + align - 1) & ~(align - 1);
        if (name_space > size - offset) return 0;
        const unsigned char *name = notes + offset;
        offset += name_space;
        if (desc_size > size - offset) return 0;
        // NT_GNU_BUILD_ID, owner "GNU".
        if (type == 3 && name_size == 4 && memcmp(name, "GNU", 4) == 0 && desc_size > 0) {
            *id = notes + offset;
            return desc_size;
        }
        size_t desc_space = ((size_t)desc_size + align - 1) & ~(align - 1);
        if (desc_space > size - offset) return 0;
        offset += desc_space;
    }
    return 0;
}

#if defined(__linux__)
struct found {
    unsigned char *id;
    size_t capacity;
    size_t length;
};

static int first_object(struct dl_phdr_info *info, size_t info_size, void *data) {
    (void)info_size;
    struct found *found = data;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_NOTE) continue;
        const unsigned char *id = NULL;
        size_t align = header->p_align <= 4 ? 4 : 8;
        size_t length = site_notes_build_id((const unsigned char *)(info->dlpi_addr + header->p_vaddr), header->p_filesz, align, &id);
        if (length > 0 && length <= found->capacity) {
            memcpy(found->id, id, length);
            found->length = length;
            break;
        }
    }
    // The first object is the program itself; the libraries after it are not asked.
    return 1;
}
#endif

size_t site_program_build_id(unsigned char *id, size_t capacity) {
#if defined(__linux__)
    struct found found = { id, capacity, 0 };
    dl_iterate_phdr(first_object, &found);
    return found.length;
#else
    (void)id;
    (void)capacity;
    return 0;
#endif
}
