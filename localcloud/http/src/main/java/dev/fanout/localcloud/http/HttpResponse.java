package dev.fanout.localcloud.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP response for {@link HttpLoop}, which adds Content-Length (and Connection: close when the
 * connection ends) and sends status line, headers and body in one write.
 *
 * @param status e.g. 200
 * @param headers by name, in order
 * @param body the whole body
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  public static final byte[] EMPTY = new byte[0];

  public HttpResponse {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static HttpResponse of(int status, byte[] body) {
    return new HttpResponse(status, Map.of(), body);
  }

  public static HttpResponse json(int status, String json) {
    return of(status, json.getBytes(StandardCharsets.UTF_8))
        .withHeader("Content-Type", "application/json");
  }

  public HttpResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpResponse(status, more, body);
  }
}
