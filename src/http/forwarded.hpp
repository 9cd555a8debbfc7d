#pragma once

#include <boost/asio/ip/address.hpp>
#include <string_view>

#include "http/cidr.hpp"

namespace warroom::http {

// The client behind trusted proxies, from X-Forwarded-For (all of its
// headers joined with commas, in order). The caller checks that `peer` is a
// trusted proxy first; from anyone else the header is ignored.
//
// Each proxy appends the address it received the request from, so only the
// right end can be believed: walking from the right, every hop within
// `trusted` is one of ours, and the first one that is not is the client.
// Anything left of it was written by the client and is ignored. An entry that
// is not an address ends the walk at the hop that appended it; when every
// entry is trusted, the leftmost is the client.
boost::asio::ip::address ForwardedClient(std::string_view forwarded_for,
                                         const boost::asio::ip::address& peer,
                                         const CidrSet& trusted);

// One X-Forwarded-For entry as an address: "203.0.113.7", "2001:db8::1",
// "[2001:db8::1]:443" or "203.0.113.7:5000"; false when it is none.
bool ParseForwardedHop(std::string_view entry, boost::asio::ip::address& out);

}  // namespace warroom::http
