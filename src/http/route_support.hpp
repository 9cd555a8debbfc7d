#pragma once

// What every group of API routes shares: authentication, bodies, limits.
// Routes are written with Handle (http/handler.hpp); these are its readers' parts.

#include <boost/json.hpp>

#include "http/api_services.hpp"
#include "http/await.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

namespace warroom::http {

// The credentials of an Authorization header with the Bearer scheme (in any
// case, spaces around tolerated); "" for anything else.
std::string BearerToken(std::string_view authorization);

// The caller behind the request's bearer token.
boost::asio::awaitable<Result<engine::Caller>> Authenticate(const ApiServices& s,
                                                            const Request& req);
// The router's access to the answers kept under Idempotency-Keys.
Router::Idempotency IdempotencyOf(const ApiServices& s);

// A body needs a JSON Content-Type (application/json or any +json type,
// parameters allowed): kUnsupportedMediaType (415) otherwise.
Outcome RequireJsonContentType(const Request& req);

// The request's JSON object body (an empty body is {} when allowed). A body
// needs a JSON Content-Type; an empty body may come without one.
Result<boost::json::object> ParseBody(const Request& req, bool allow_empty = true);

// A query parameter's whole, non-negative number; -1 when it is not one.
int WholeNumber(const std::string& v);

// An id in a path: a positive whole number (`what`: "an alert id").
Result<std::int64_t> PositiveId(const std::string& text, std::string_view what);

// `limit` of every list: 1 to 1000.
Result<int> Limit(const std::string& v);

}  // namespace warroom::http
