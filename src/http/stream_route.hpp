#pragma once

// GET /api/v1/stream: server-sent events of the event log, for the pages'
// live updates (and any script that wants to follow incidents).
//
// Each incident event is one message whose `id` is its global sequence and
// whose `data` is the event as the timeline answers it; a browser that
// reconnects sends Last-Event-ID and gets exactly what it missed (a script
// may give ?after=N instead). Without either, the stream starts at the
// present. Only what the viewer may see is sent. Other messages are named:
// `alerts` (the triage queue changed), `signed-out` (the session or token
// ended, or the user was disabled: the stream then ends), `lost-sight`
// (an incident the viewer was shown became restricted to others: the
// stream ends, and the page reloads what it may still see). A comment every
// 15 s keeps proxies from closing a quiet stream.

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// How many streams one user may hold open at once (tabs, screens).
inline constexpr int kMaxStreamsPerUser = 10;

void AddStreamRoute(Router& r, const ApiServices& s);

}  // namespace warroom::http
