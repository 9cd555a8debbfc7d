#pragma once

namespace warroom::app {

// `warroom routes`: the server's route table (method, pattern, the token
// scope each route needs), from the router itself without starting a
// server. Human table by default; `json`: {"routes": [{method, pattern,
// scope}, ...]} for tests and API descriptions.
int PrintRoutes(bool json);

}  // namespace warroom::app
