#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <map>
#include <string>

namespace warroom::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Params = std::map<std::string, std::string>;

}  // namespace warroom::http
