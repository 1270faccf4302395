package dev.fanout.localcloud.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP response for {@link HttpLoop}, which adds Content-Length (and Connection: close when the
 * connection ends) and sends status line, headers and body in one write.
 *
 * <p>Header names must be tokens and values must hold no control character (a tab aside): a value
 * copied from a request can then never end a header line early and inject one of its own.
 * Content-Length, Transfer-Encoding and Connection are the loop's to write.
 *
 * @param status 200 to 599
 * @param headers by name, in order
 * @param body the whole body
 * @throws IllegalArgumentException naming the header that breaks these rules
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  public static final byte[] EMPTY = new byte[0];

  private static final Set<String> FRAMING =
      Set.of("content-length", "transfer-encoding", "connection");

  public HttpResponse {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200 to 599, got " + status);
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      check(header.getKey(), header.getValue());
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
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

  private static void check(String name, String value) {
    if (name == null || !HttpSyntax.isToken(name)) {
      throw new IllegalArgumentException(
          "header name " + printable(name) + " is not a token (letters, digits, !#$%&'*+-.^_`|~)");
    }
    if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "header " + name + " is written by the HTTP loop itself, from the body and keep-alive");
    }
    if (value == null) {
      throw new IllegalArgumentException("header " + name + " has no value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "the value of header "
                + name
                + " holds control character "
                + HttpSyntax.show(c)
                + " at "
                + i
                + ": a line break there would start a header of its own");
      }
    }
  }

  private static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder shown = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      shown.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : HttpSyntax.show(c));
    }
    return shown.append('"').toString();
  }
}
