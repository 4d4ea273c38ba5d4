// GET /api/openapi.json: the OpenAPI 3.0 description of the whole HTTP API. The document
// (src/api/openapi.json, the contract the dashboard and the cross-tenant sweep test read) is
// embedded into the binary at build time with .incbin, so an installed binary is self-contained;
// CMakeLists.txt makes this file rebuild when the JSON changes.
#include "api/routes.h"

// clang-format off
asm(".section .rodata\n"
    ".global converza_openapi_json\n"
    ".global converza_openapi_json_end\n"
    ".balign 16\n"
    "converza_openapi_json:\n"
    ".incbin \"" CONVERZA_SOURCE_DIR "/src/api/openapi.json\"\n"
    "converza_openapi_json_end:\n"
    ".byte 0\n"
    ".previous\n");
// clang-format on

// The assembler's symbols above, so named there (not kConstants).
extern "C" const char converza_openapi_json[];      // NOLINT(readability-identifier-naming)
extern "C" const char converza_openapi_json_end[];  // NOLINT(readability-identifier-naming)

namespace converza::api {

std::string_view OpenApiDocument() {
  return {converza_openapi_json,
          static_cast<std::size_t>(converza_openapi_json_end - converza_openapi_json)};
}

void AddOpenApiRoutes(http::Router& router) {
  router.Get("/api/openapi.json", [](http::Request&) {
    http::Response r = http::Response::Json(200, std::string(OpenApiDocument()));
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
}

}  // namespace converza::api
