#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace warroom::http {

// `bytes` gzip-compressed (zlib, best compression: a body made once and
// served many times), for Content-Encoding: gzip.
std::string Gzip(std::string_view bytes);

// The bytes of a gzip stream (for tests; kInvalidArgument for one that is not).
Result<std::string> Gunzip(std::string_view gz);

// Whether an Accept-Encoding header takes gzip (and not with q=0).
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace warroom::http
