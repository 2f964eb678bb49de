#ifndef SITE_FOLDER_ENTRIES_H
#define SITE_FOLDER_ENTRIES_H

#include <stddef.h>

/// Linux's `getdents64`: the next entries of the open folder `descriptor`
/// into `buffer`, as `struct linux_dirent64` records; the bytes read, 0 at
/// the end, -1 with `errno` set on an error (always, elsewhere than Linux).
/// Its C library declares it only for `_GNU_SOURCE`, which Swift's does not set.
long site_folder_entries(int descriptor, void *buffer, size_t size);

#endif
