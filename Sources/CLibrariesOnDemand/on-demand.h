// What the loaders of the libraries the tool loads at their first use share:
// each defines, hidden, the functions of its library that the tool calls; the
// first call opens the library and finds them all, every call goes on to them.
// The release tool is linked without these libraries (./build leaves libcurl
// out and strikes the others, which it imports nothing from), so a build that
// needs none of them starts without them.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// The library `file`, or the command stops with what to install (Debian's `package`).
static inline void *site_open_library(const char *file, const char *package) {
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fprintf(stderr, "error: %s (Debian: %s)\n", dlerror(), package);
        exit(1);
    }
    return library;
}

// `name` in `library`, or the command stops naming what it lacks.
static inline void *site_find_symbol(void *library, const char *name, const char *what, const char *package) {
    void *found = dlsym(library, name);
    if (!found) {
        fprintf(stderr, "error: %s has no %s (Debian: %s)\n", what, name, package);
        exit(1);
    }
    return found;
}
