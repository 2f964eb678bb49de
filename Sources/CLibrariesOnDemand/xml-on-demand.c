// libxml2's functions that the tool calls (on-demand.h): libxml2 with ICU took
// more of the tool's start than all the rest of a small build's reading
// (bench/README.md); only SVG images and `--check` parse XML or HTML.
// Hidden: the tool's own calls bind here, libxml2's calls to itself stay its own.
#include "on-demand.h"
#pragma GCC visibility push(hidden)
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

// (return type, name, parameters, arguments)
#define FUNCTIONS(X) \
    X(htmlDocPtr, htmlReadMemory, (const char *buffer, int size, const char *URL, const char *encoding, int options), \
      (buffer, size, URL, encoding, options)) \
    X(xmlDocPtr, xmlReadMemory, (const char *buffer, int size, const char *URL, const char *encoding, int options), \
      (buffer, size, URL, encoding, options)) \
    X(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc)) \
    X(long, xmlGetLineNo, (const xmlNode *node), (node)) \
    X(xmlChar *, xmlGetProp, (const xmlNode *node, const xmlChar *name), (node, name)) \
    X(xmlChar *, xmlNodeGetContent, (const xmlNode *node), (node)) \
    X(xmlChar *, xmlNodeListGetString, (xmlDocPtr doc, const xmlNode *list, int inLine), (doc, list, inLine))

static struct {
#define FIELD(type, name, parameters, arguments) type(*name) parameters;
    FUNCTIONS(FIELD)
    void (*xmlFreeDoc)(xmlDocPtr);
    void (*xmlInitParser)(void);
    xmlFreeFunc *xmlFree;
} libxml2;

// The library's file name, from the version of the headers the tool is built with (2.14 renamed it).
#if LIBXML_VERSION >= 21400
#define LIBXML2_FILE "libxml2.so.16"
#else
#define LIBXML2_FILE "libxml2.so.2"
#endif

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void *find(void *library, const char *name) { return site_find_symbol(library, name, "libxml2", "libxml2"); }

static void load(void) {
    void *library = site_open_library(LIBXML2_FILE, "libxml2");
// POSIX's way to store what dlsym finds in a function pointer.
#define LOAD(type, name, parameters, arguments) *(void **)&libxml2.name = find(library, #name);
    FUNCTIONS(LOAD)
    LOAD(, xmlFreeDoc, , )
    LOAD(, xmlInitParser, , )
    // A variable, not a function: the allocator's free that libxml2 was set up with.
    libxml2.xmlFree = find(library, "xmlFree");
}

#define FORWARD(type, name, parameters, arguments) \
    type name parameters { \
        pthread_once(&loaded, load); \
        return libxml2.name arguments; \
    }
FUNCTIONS(FORWARD)

void xmlFreeDoc(xmlDocPtr doc) {
    pthread_once(&loaded, load);
    libxml2.xmlFreeDoc(doc);
}

void xmlInitParser(void) {
    pthread_once(&loaded, load);
    libxml2.xmlInitParser();
}

// What libxml2 returned, freed as it allocated it (`xmlFree` is a variable the header declares).
void site_xml_free(void *pointer) {
    pthread_once(&loaded, load);
    (*libxml2.xmlFree)(pointer);
}
