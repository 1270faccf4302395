package dev.fanout.localcloud.origin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The grill of the lunch's burger bar: {@code GET /grill/{patty}?millis=N} cooks one patty and
 * answers {@code {"patty":n,"cookedMillis":N}} after exactly N ms. The grill cooks on its own, so a
 * patty on it is a wait for whoever put it there, like any request to a slow server.
 *
 * <p>The origin's latency and jitter do not apply: a cook time is the recipe's, not the network's,
 * so a patty takes what its order asked on every run. For the same reason {@code ?delay=} and
 * {@code ?jitter=} are refused here rather than silently ignored.
 */
final class Grill {

  static final long MAX_PATTY = 1_000_000_000L;
  static final long MAX_MILLIS = OriginOptions.MAX_DELAY.toMillis();

  private Grill() {}

  /** One patty to cook, and for how long. */
  record Cook(long patty, long millis) {

    /** The wait before the answer goes out: the cook time, nothing added. */
    RequestDelay delay() {
      return new RequestDelay(Duration.ofMillis(millis), Duration.ZERO);
    }

    Response response() {
      String body = "{\"patty\":" + patty + ",\"cookedMillis\":" + millis + "}";
      return new Response(200, Response.JSON, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Whether a path split on '/' names the grill, whatever the method. */
  static boolean isGrill(String[] parts) {
    return parts.length == 3 && parts[1].equals("grill");
  }

  /**
   * Reads the patty from its path segment and the cook time from a raw query (which may be null).
   *
   * @throws BadRequest when the patty is not a whole number in 0..1000000000, {@code millis} is
   *     missing or not a whole number in 0..60000, or the query tries {@code delay} or {@code
   *     jitter}
   */
  static Cook parse(String patty, String rawQuery) {
    long number =
        Numbers.parse(patty, 0, MAX_PATTY)
            .orElseThrow(
                () ->
                    new BadRequest(
                        "patty must be a whole number in 0.."
                            + MAX_PATTY
                            + ", got '"
                            + patty
                            + "'"));
    Long millis = null;
    for (Map.Entry<String, String> parameter : QueryParameters.of(rawQuery)) {
      // Other parameters are the caller's business (cache busters, tags): ignored.
      switch (parameter.getKey()) {
        case "millis" -> millis = QueryParameters.millis("millis", parameter.getValue());
        case "delay", "jitter" ->
            throw new BadRequest(
                parameter.getKey()
                    + " does not apply to the grill: its wait is the cook time, ?millis=N");
        default -> {}
      }
    }
    if (millis == null) {
      throw new BadRequest(
          "millis is missing: say how long to cook, /grill/"
              + number
              + "?millis=N with N in 0.."
              + MAX_MILLIS);
    }
    return new Cook(number, millis);
  }
}
