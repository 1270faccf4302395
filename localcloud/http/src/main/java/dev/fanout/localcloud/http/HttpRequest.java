package dev.fanout.localcloud.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as {@link HttpLoop} received it.
 *
 * @param method e.g. {@code POST}
 * @param path the request target's path, still percent-encoded
 * @param query the query string after {@code ?}, empty when there is none
 * @param headers by lower-case name; repeated headers joined with ", "
 * @param body the body, de-chunked
 */
public record HttpRequest(
    String method, String path, String query, Map<String, String> headers, byte[] body) {

  public HttpRequest {
    headers = Map.copyOf(headers);
  }

  /** A header's value; names are matched case-insensitively. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A query parameter's decoded value. */
  public Optional<String> queryParameter(String name) {
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (percentDecode(key.replace('+', ' ')).equals(name)) {
        return Optional.of(
            equals < 0 ? "" : percentDecode(pair.substring(equals + 1).replace('+', ' ')));
      }
    }
    return Optional.empty();
  }

  /** Decodes %XX escapes as UTF-8, leaving '+' alone (it is a plus in a path). */
  public static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        out.write(Integer.parseInt(text, i + 1, i + 3, 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }
}
