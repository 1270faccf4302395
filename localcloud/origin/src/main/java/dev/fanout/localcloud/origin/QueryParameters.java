package dev.fanout.localcloud.origin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A request's raw query as name to value, and the origin's one rule for a wait in it. */
final class QueryParameters {
  private QueryParameters() {}

  /** The parameters of {@code rawQuery} (null for none) in order, repeats included. */
  static List<Map.Entry<String, String>> of(String rawQuery) {
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        parameters.add(
            Map.entry(
                equals < 0 ? pair : pair.substring(0, equals),
                equals < 0 ? "" : pair.substring(equals + 1)));
      }
    }
    return parameters;
  }

  /**
   * A wait in whole milliseconds, 0 to {@link OriginOptions#MAX_DELAY}.
   *
   * @throws BadRequest naming the parameter and the value
   */
  static long millis(String name, String value) {
    long max = OriginOptions.MAX_DELAY.toMillis();
    return Numbers.parse(value, 0, max)
        .orElseThrow(
            () ->
                new BadRequest(
                    name
                        + " must be a whole number of milliseconds in 0.."
                        + max
                        + ", got '"
                        + value
                        + "'"));
  }
}
