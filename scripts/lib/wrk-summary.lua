-- wrk script for scripts/bench origin: prints one machine-readable line when the run ends.
-- Latencies are wrk's own: from writing a request to reading the whole response, in microseconds.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d seconds=%.3f errors=%d p50=%d p90=%d p99=%d p999=%d max=%d\n",
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
