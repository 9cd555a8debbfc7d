-- wrk: POST a note to one of the incidents in $WARROOM_BENCH_IDS.
local ids = {}
for id in string.gmatch(os.getenv("WARROOM_BENCH_IDS") or "", "[^,]+") do ids[#ids + 1] = id end
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WARROOM_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"finding","text":"p99 latency of checkout is 4.2 s since 14:02"}'
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/incidents/" .. ids[(n % #ids) + 1] .. "/notes")
end
