// stb_image's header (Debian: libstb-dev; macOS: Homebrew's stb). This
// target only finds it (pkg-config); CStbInfo compiles what the site uses.
#include <stb_image.h>
