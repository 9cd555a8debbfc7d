#pragma once

// GET /api/v1/openapi.json: the API document, docs/openapi.json, as it was
// when the binary was built (embedded by src/http/embed_openapi.cmake).

#include <string_view>

#include "http/router.hpp"

namespace warroom::http {

// The document's bytes, and a strong ETag of them (quoted).
std::string_view OpenApiDocument();
std::string_view OpenApiEtag();

// Registers GET kOpenApiPath, public: answers the document with its ETag, or
// 304 when If-None-Match names it.
void AddOpenApiRoute(Router& router);

}  // namespace warroom::http
