#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, whose headers clash with the ICU that
// Foundation brings. The checker uses no encoding handler, so leave ICU out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#ifdef __linux__
// Frees what libxml2 returned; defined where the tool loads libxml2 (Sources/CLibrariesOnDemand).
void site_xml_free(void *pointer);
#else
// `xmlFree` is a global function pointer, which Swift 6 refuses to read
// from concurrent code; a C function that calls it is safe to call.
static inline void site_xml_free(void *pointer) { xmlFree(pointer); }
#endif
