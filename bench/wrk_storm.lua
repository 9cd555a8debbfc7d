-- wrk: an alert storm. Every request is an Alertmanager webhook batch of 100
-- alerts never seen before (unique fingerprints), all of one group.
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
request = function()
  counter = counter + 1
  local alerts = {}
  for i = 1, 100 do
    alerts[i] = string.format(
      '{"status":"firing","labels":{"alertname":"Storm","instance":"t%d-r%d-a%d","severity":"critical"},' ..
      '"annotations":{"summary":"Storm"},"startsAt":"2026-02-12T14:00:00Z",' ..
      '"endsAt":"0001-01-01T00:00:00Z","fingerprint":"t%d-r%d-a%d"}', tid, counter, i, tid, counter, i)
  end
  local body = '{"version":"4","groupKey":"{}:{alertname=\\"Storm\\"}","status":"firing","alerts":[' ..
               table.concat(alerts, ",") .. ']}'
  return wrk.format(nil, nil, nil, body)
end
