#pragma once

#include "http/types.hpp"

namespace warroom::http {

// Sets the headers every answer carries, whatever produced it (a route, a
// refusal, the 503 of the reserve descriptor): `Server`, and what a browser
// may do with the answer. `X-Content-Type-Options: nosniff` keeps a JSON
// body from being sniffed as HTML; `Referrer-Policy: no-referrer` keeps
// incident URLs out of other sites' logs; framing is denied (clickjacking).
// A Content-Security-Policy is set only when the handler set none: the API's
// answers are data (`default-src 'none'`), and a page sets its own policy.
void SetCommonHeaders(Response& res);

}  // namespace warroom::http
