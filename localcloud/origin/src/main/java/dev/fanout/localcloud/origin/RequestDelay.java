package dev.fanout.localcloud.origin;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How long one request waits before its headers go out: a base delay plus a uniform jitter in
 * {@code [0, jitter]}. The server's options give both; {@code ?delay=MS} and {@code ?jitter=MS}
 * replace them for one request.
 */
record RequestDelay(Duration base, Duration jitter) {

  static final RequestDelay NONE = new RequestDelay(Duration.ZERO, Duration.ZERO);

  /**
   * Reads the overrides from a raw query string (which may be null) over the configured defaults.
   *
   * @throws BadRequest when {@code delay} or {@code jitter} is not a whole number of milliseconds
   *     in 0..60000
   */
  static RequestDelay of(String rawQuery, Duration latency, Duration jitter) {
    Duration base = latency;
    Duration spread = jitter;
    for (Map.Entry<String, String> parameter : QueryParameters.of(rawQuery)) {
      // Other parameters are the caller's business (cache busters, tags): ignored.
      switch (parameter.getKey()) {
        case "delay" ->
            base = Duration.ofMillis(QueryParameters.millis("delay", parameter.getValue()));
        case "jitter" ->
            spread = Duration.ofMillis(QueryParameters.millis("jitter", parameter.getValue()));
        default -> {}
      }
    }
    return new RequestDelay(base, spread);
  }

  /** Draws this request's total delay in nanoseconds: base plus a uniform share of the jitter. */
  long sampleNanos(RandomGenerator random) {
    long spread = jitter.toNanos();
    return base.toNanos() + (spread == 0 ? 0 : random.nextLong(spread + 1));
  }
}
