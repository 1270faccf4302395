package dev.fanout.localcloud.origin;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long one request waits before its headers go out: a base delay plus a uniform jitter in
 * {@code [0, jitter]}. The server's options give both; {@code ?delay=MS} and {@code ?jitter=MS}
 * replace them for one request.
 */
record RequestDelay(Duration base, Duration jitter) {

  static final RequestDelay NONE = new RequestDelay(Duration.ZERO, Duration.ZERO);

  private static final long MAX_MILLIS = OriginOptions.MAX_DELAY.toMillis();

  /**
   * Reads the overrides from a raw query string (which may be null) over the configured defaults.
   *
   * @throws BadRequest when {@code delay} or {@code jitter} is not a whole number of milliseconds
   *     in 0..60000
   */
  static RequestDelay of(String rawQuery, Duration latency, Duration jitter) {
    Duration base = latency;
    Duration spread = jitter;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        switch (name) {
          case "delay" -> base = Duration.ofMillis(millis(name, value));
          case "jitter" -> spread = Duration.ofMillis(millis(name, value));
          default -> {
            // Other parameters are the caller's business (cache busters, tags): ignore them.
          }
        }
      }
    }
    return new RequestDelay(base, spread);
  }

  /** Draws this request's total delay in nanoseconds: base plus a uniform share of the jitter. */
  long sampleNanos(RandomGenerator random) {
    long spread = jitter.toNanos();
    return base.toNanos() + (spread == 0 ? 0 : random.nextLong(spread + 1));
  }

  private static long millis(String name, String value) {
    return Numbers.parse(value, 0, MAX_MILLIS)
        .orElseThrow(
            () ->
                new BadRequest(
                    name
                        + " must be a whole number of milliseconds in 0.."
                        + MAX_MILLIS
                        + ", got '"
                        + value
                        + "'"));
  }
}
