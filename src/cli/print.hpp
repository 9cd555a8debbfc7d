#pragma once

// How client commands call the API and print its answer.

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "cli/client.hpp"
#include "cli/commands.hpp"

namespace warroom::cli {

// --server, else WARROOM_SERVER, else http://127.0.0.1:8080.
std::string ServerUrl(const ClientOptions& o);

// A client for ServerUrl with WARROOM_TOKEN.
Client MakeClient(const ClientOptions& o);

// Prints the error and answers the exit code it maps to.
int Fail(const Error& e);

// A query parameter's value, percent-encoded (unreserved characters kept).
std::string QueryValue(const std::string& s);

// Runs one API call and prints its answer as JSON or through `human`.
int Print(const ClientOptions& o, std::string_view method, const std::string& path,
          const boost::json::object* body,
          const std::function<std::string(const boost::json::object&)>& human);

}  // namespace warroom::cli
