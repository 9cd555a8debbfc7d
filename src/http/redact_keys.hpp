#pragma once

#include <string>
#include <string_view>

namespace warroom::http {

// A request target without the integration keys a webhook URL may carry
// (/api/v1/ingest/alertmanager/wri_...): every `wri_` token up to the next
// '/', '?', '#' or '&' becomes `wri_(redacted)`, so keys never reach a log.
// Pure; anything else in the target is kept as it is.
std::string RedactKeys(std::string_view target);

}  // namespace warroom::http
