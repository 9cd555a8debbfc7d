#pragma once

#include <boost/json.hpp>
#include <string>

namespace warroom::ingest {

// A sender's answer, in the sender's own shape: the HTTP layer sends it as
// it is (status, a JSON body, and Retry-After when set).
struct Reply {
  int status = 200;
  boost::json::object body;
  std::string retry_after;  // seconds; "" for none
};

}  // namespace warroom::ingest
