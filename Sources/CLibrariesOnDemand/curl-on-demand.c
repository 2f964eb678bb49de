// libcurl's functions that Foundation's URLSession calls (on-demand.h): the
// release tool is linked without libcurl (./build), whose 25 libraries took
// half of its start (bench/README.md); only `site check --external` needs it.
// Hidden: the tool's own calls bind here, libcurl's calls to itself stay its own.
#include <stdarg.h>
#include "on-demand.h"
#define CURL_DISABLE_TYPECHECK  // its macros stand in for the functions defined below
#pragma GCC visibility push(hidden)
#include <curl/curl.h>

// Every function but the three that take a variable argument: (return type, name after
// `curl_`, parameters, arguments); those that return nothing apart.
#define VOID_FUNCTIONS(X) \
    X(void, easy_cleanup, (CURL *handle), (handle)) \
    X(void, free, (void *pointer), (pointer)) \
    X(void, slist_free_all, (struct curl_slist *list), (list))
#define FIXED_FUNCTIONS(X) \
    X(CURLcode, global_init, (long flags), (flags)) \
    X(CURL *, easy_init, (void), ()) \
    X(CURLcode, easy_pause, (CURL *handle, int mask), (handle, mask)) \
    X(const char *, easy_strerror, (CURLcode code), (code)) \
    X(CURLM *, multi_init, (void), ()) \
    X(CURLMcode, multi_add_handle, (CURLM *multi, CURL *handle), (multi, handle)) \
    X(CURLMcode, multi_remove_handle, (CURLM *multi, CURL *handle), (multi, handle)) \
    X(CURLMcode, multi_assign, (CURLM *multi, curl_socket_t socket, void *pointer), (multi, socket, pointer)) \
    X(CURLMcode, multi_cleanup, (CURLM *multi), (multi)) \
    X(CURLMsg *, multi_info_read, (CURLM *multi, int *left), (multi, left)) \
    X(CURLMcode, multi_socket_action, (CURLM *multi, curl_socket_t socket, int mask, int *running), \
      (multi, socket, mask, running)) \
    X(struct curl_slist *, slist_append, (struct curl_slist *list, const char *string), (list, string)) \
    X(CURLU *, url, (void), ()) \
    X(CURLUcode, url_get, (CURLU *url, CURLUPart part, char **string, unsigned int flags), (url, part, string, flags)) \
    X(CURLUcode, url_set, (CURLU *url, CURLUPart part, const char *string, unsigned int flags), (url, part, string, flags)) \
    X(char *, version, (void), ()) \
    X(curl_version_info_data *, version_info, (CURLversion stamp), (stamp))

static struct {
#define FIELD(type, name, parameters, arguments) type(*name) parameters;
    VOID_FUNCTIONS(FIELD)
    FIXED_FUNCTIONS(FIELD)
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
} libcurl;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void *find(void *library, const char *name) { return site_find_symbol(library, name, "libcurl", "libcurl4"); }

static void load(void) {
    void *library = site_open_library("libcurl.so.4", "libcurl4");
// POSIX's way to store what dlsym finds in a function pointer.
#define LOAD(type, name, parameters, arguments) *(void **)&libcurl.name = find(library, "curl_" #name);
    VOID_FUNCTIONS(LOAD)
    FIXED_FUNCTIONS(LOAD)
    LOAD(, easy_setopt, , )
    LOAD(, easy_getinfo, , )
    LOAD(, multi_setopt, , )
}

#define FORWARD(type, name, parameters, arguments) \
    type curl_##name parameters { \
        pthread_once(&loaded, load); \
        return libcurl.name arguments; \
    }
FIXED_FUNCTIONS(FORWARD)

#define FORWARD_VOID(type, name, parameters, arguments) \
    void curl_##name parameters { \
        pthread_once(&loaded, load); \
        libcurl.name arguments; \
    }
VOID_FUNCTIONS(FORWARD_VOID)

// An option's number tells the type of its one argument, as libcurl's own setopt reads it.
#define PASS_OPTION(call, option, list) \
    ((option) < CURLOPTTYPE_OBJECTPOINT ? call(va_arg(list, long)) \
     : (option) >= CURLOPTTYPE_OFF_T && (option) < CURLOPTTYPE_BLOB ? call(va_arg(list, curl_off_t)) \
     : call(va_arg(list, void *)))

#define FORWARD_SETOPT(result, name, handle_type, option_type) \
    result curl_##name(handle_type *handle, option_type option, ...) { \
        pthread_once(&loaded, load); \
        va_list list; \
        va_start(list, option); \
        result found = PASS_OPTION(SET_##name, option, list); \
        va_end(list); \
        return found; \
    }
#define SET_easy_setopt(value) libcurl.easy_setopt(handle, option, value)
#define SET_multi_setopt(value) libcurl.multi_setopt(handle, option, value)
FORWARD_SETOPT(CURLcode, easy_setopt, CURL, CURLoption)
FORWARD_SETOPT(CURLMcode, multi_setopt, CURLM, CURLMoption)

// Each information's one argument is a pointer to where libcurl writes it.
CURLcode curl_easy_getinfo(CURL *handle, CURLINFO info, ...) {
    pthread_once(&loaded, load);
    va_list list;
    va_start(list, info);
    CURLcode result = libcurl.easy_getinfo(handle, info, va_arg(list, void *));
    va_end(list);
    return result;
}
