#pragma once

namespace warroom::app {

// The server's log: spdlog's "warroom" logger on stderr, one JSON object a
// line when stderr is not a terminal (messages never carry secrets).
void SetUpLogging();

}  // namespace warroom::app
