#pragma once

#include <boost/system/error_code.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/types.hpp"

namespace warroom::http {

// The answer to a request that could not be read (`ec` from Beast's parser,
// `received` the bytes still buffered), or nullopt when the client just went
// away (closed, timed out, a partial message): a framing error gets 400, an
// oversized header 431, an oversized body 413, each naming what to fix. A
// PROXY protocol header from a peer that is not a trusted proxy is named as
// such. Pure; the caller writes the answer and closes.
std::optional<Response> ReadFailure(const boost::system::error_code& ec, std::string_view received,
                                    const std::string& peer, bool from_trusted_proxy);

}  // namespace warroom::http
