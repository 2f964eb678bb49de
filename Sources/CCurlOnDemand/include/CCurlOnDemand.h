// libcurl, loaded by the tool only when Foundation's URLSession first calls it
// (`site check --external`): see curl-on-demand.c. Nothing here for Swift to call.
