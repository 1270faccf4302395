-- wrk script for scripts/bench origin. wrk's latencies run from writing a request to reading the
-- whole response. Each response's Server-Timing header (origin;dur=MS) also gives the origin's own
-- time, collected per thread in 10-microsecond buckets and merged when the run ends.
-- Prints one machine-readable line; latencies in microseconds.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  timed = 0
end

-- The header's value whatever the case of its name (servers write it differently).
local function server_timing(headers)
  local timing = headers["Server-Timing"]
  if timing then return timing end
  for name, value in pairs(headers) do
    if string.lower(name) == "server-timing" then return value end
  end
  return nil
end

function response(status, headers, body)
  local timing = server_timing(headers)
  if timing then
    local ms = tonumber(string.match(timing, "dur=([%d%.]+)"))
    if ms then
      local bucket = math.floor(ms * 100)
      counts[bucket] = (counts[bucket] or 0) + 1
      timed = timed + 1
    end
  end
end

-- The value (us) below which `share` of the origin's times fall, from the merged buckets.
local function origin_percentile(merged, keys, total, share)
  local want = math.ceil(share * total)
  local seen = 0
  for _, key in ipairs(keys) do
    seen = seen + merged[key]
    if seen >= want then return key * 10 end
  end
  return -1
end

function done(summary, latency, requests)
  local merged, keys, total = {}, {}, 0
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("counts")) do
      if not merged[key] then table.insert(keys, key); merged[key] = 0 end
      merged[key] = merged[key] + count
      total = total + count
    end
  end
  table.sort(keys)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d seconds=%.3f errors=%d p50=%d p90=%d p99=%d p999=%d max=%d"
      .. " origin_n=%d origin_p50=%d origin_p90=%d origin_p99=%d origin_p999=%d origin_max=%d\n",
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, total,
    origin_percentile(merged, keys, total, 0.5), origin_percentile(merged, keys, total, 0.9),
    origin_percentile(merged, keys, total, 0.99), origin_percentile(merged, keys, total, 0.999),
    total > 0 and keys[#keys] * 10 or -1))
end
