-- wrk: GET one of the incidents in $WARROOM_BENCH_IDS (state, clocks, MTTx, timeline).
local ids = {}
for id in string.gmatch(os.getenv("WARROOM_BENCH_IDS") or "", "[^,]+") do ids[#ids + 1] = id end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WARROOM_TOKEN")
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/incidents/" .. ids[(n % #ids) + 1])
end
