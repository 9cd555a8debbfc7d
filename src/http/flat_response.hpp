#pragma once

#include <string>

#include "http/types.hpp"

namespace warroom::http {

// The answer as the bytes on the wire (status line, fields in their order,
// blank line, body): what Beast's serializer writes for a response with a
// Content-Length, in one buffer. One buffer is one send, where Beast's
// serializer walked a view of many (measured at about 15% of the
// instructions of a small answer). A chunked answer is not flattened: the
// caller writes it with Beast.
bool Flattens(const Response& res);
std::string FlatResponse(const Response& res);

}  // namespace warroom::http
