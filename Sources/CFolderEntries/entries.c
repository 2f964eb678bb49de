// A folder's entries read by descriptor, for walks of large trees:
// `fdopendir` checks the descriptor with two system calls (fstat, fcntl)
// and allocates a 32 KB buffer for each folder; a site of 10,000 pages has
// 10,000 folders of one file each.
#define _GNU_SOURCE
#include "folder_entries.h"
#include <errno.h>

#if defined(__linux__)
#include <dirent.h>

long site_folder_entries(int descriptor, void *buffer, size_t size) {
    return (long)getdents64(descriptor, buffer, size);
}
#else
long site_folder_entries(int descriptor, void *buffer, size_t size) {
    (void)descriptor;
    (void)buffer;
    (void)size;
    errno = ENOSYS;
    return -1;
}
#endif
