package dev.fanout.localcloud.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's head, checked: the request line, the header fields, and how the body is framed.
 * Whatever two servers could frame differently (request smuggling) is refused here rather than
 * guessed at.
 *
 * @param headers by lower-case name; repeated fields joined with ", "
 * @param chunked the body is sent in chunks; otherwise it is {@code contentLength} bytes
 */
record RequestHead(
    String method,
    String path,
    String query,
    Map<String, String> headers,
    boolean keepAlive,
    boolean expectContinue,
    boolean chunked,
    long contentLength) {

  /**
   * Parses a head: its lines separated by CRLF, without the empty line that ends it (the caller has
   * already refused any CR or LF that is not part of a CRLF).
   *
   * @throws BadRequest 400 when malformed or ambiguously framed, 413 when Content-Length is over
   *     {@code maxBodyBytes}, 501 for a transfer coding other than chunked, 505 for an HTTP version
   *     other than 1.0 and 1.1
   */
  static RequestHead parse(String head, int maxBodyBytes) throws BadRequest {
    int lineEnd = head.indexOf("\r\n");
    String requestLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
    String[] start = requestLine.split(" ", -1);
    if (start.length != 3
        || !HttpSyntax.isToken(start[0])
        || start[1].isEmpty()
        || HttpSyntax.invalidValueChar(start[1]) >= 0) {
      throw new BadRequest(
          400, "malformed request line (expected METHOD SP TARGET SP HTTP/1.1): " + requestLine);
    }
    String version = start[2];
    boolean http10 = version.equals("HTTP/1.0");
    if (!http10 && !version.equals("HTTP/1.1")) {
      if (version.matches("HTTP/[0-9](\\.[0-9])?")) {
        throw new BadRequest(505, "HTTP version " + version + " is not supported: use HTTP/1.1");
      }
      throw new BadRequest(400, "malformed HTTP version in the request line: " + requestLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> contentLengths = new ArrayList<>(1);
    int hosts = 0;
    for (int from = lineEnd + 2; lineEnd >= 0; from = lineEnd + 2) {
      lineEnd = head.indexOf("\r\n", from);
      String line = lineEnd < 0 ? head.substring(from) : head.substring(from, lineEnd);
      Field field = field(line);
      switch (field.name()) {
        case "content-length" -> contentLengths.add(field.value());
        case "host" -> hosts++;
        default -> {}
      }
      headers.merge(field.name(), field.value(), (a, b) -> a + ", " + b);
    }
    if (hosts > 1) {
      throw new BadRequest(400, "more than one Host header");
    }
    String transferEncoding = headers.get("transfer-encoding");
    if (transferEncoding != null && !contentLengths.isEmpty()) {
      throw new BadRequest(
          400, "both Content-Length and Transfer-Encoding: send one of them, not both");
    }
    boolean chunked = transferEncoding != null && chunked(transferEncoding, http10);
    long length = contentLengths.isEmpty() ? 0 : contentLength(contentLengths);
    if (length > maxBodyBytes) {
      throw new BadRequest(
          413, "body of " + length + " bytes is larger than the limit of " + maxBodyBytes);
    }
    List<String> connection = tokens(headers.getOrDefault("connection", ""));
    String target = start[1];
    int question = target.indexOf('?');
    return new RequestHead(
        start[0],
        question < 0 ? target : target.substring(0, question),
        question < 0 ? "" : target.substring(question + 1),
        headers,
        http10 ? connection.contains("keep-alive") : !connection.contains("close"),
        "100-continue".equalsIgnoreCase(headers.getOrDefault("expect", "")),
        chunked,
        length);
  }

  /** One header (or trailer) field line, its name in lower case and its value trimmed. */
  record Field(String name, String value) {}

  static Field field(String line) throws BadRequest {
    if (!line.isEmpty() && HttpSyntax.isWhitespace(line.charAt(0))) {
      throw new BadRequest(
          400, "a header line starts with whitespace (obsolete line folding): " + line);
    }
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new BadRequest(400, "malformed header line (no colon): " + line);
    }
    String name = line.substring(0, colon);
    if (!name.isEmpty() && HttpSyntax.isWhitespace(name.charAt(name.length() - 1))) {
      throw new BadRequest(400, "whitespace between a header name and its colon: " + line);
    }
    if (!HttpSyntax.isToken(name)) {
      throw new BadRequest(400, "malformed header name: " + line);
    }
    String value = HttpSyntax.trimWhitespace(line.substring(colon + 1));
    int bad = HttpSyntax.invalidValueChar(value);
    if (bad >= 0) {
      throw new BadRequest(
          400,
          "control character "
              + HttpSyntax.show(value.charAt(bad))
              + " in the value of header "
              + name);
    }
    return new Field(name.toLowerCase(Locale.ROOT), value);
  }

  /**
   * True for chunked, the only transfer coding read here. The final coding must be chunked, or the
   * body's end cannot be found; HTTP/1.0 has no transfer codings at all.
   */
  private static boolean chunked(String transferEncoding, boolean http10) throws BadRequest {
    if (http10) {
      throw new BadRequest(400, "Transfer-Encoding in an HTTP/1.0 request");
    }
    List<String> codings = tokens(transferEncoding);
    if (codings.isEmpty() || codings.contains("")) {
      throw new BadRequest(400, "malformed Transfer-Encoding: " + transferEncoding);
    }
    if (!codings.getLast().equals("chunked")) {
      throw new BadRequest(
          400, "Transfer-Encoding must end with chunked, got: " + transferEncoding);
    }
    if (codings.size() > 1) {
      throw new BadRequest(
          501, "only Transfer-Encoding: chunked is implemented, got: " + transferEncoding);
    }
    return true;
  }

  /**
   * The length every Content-Length field (and list element) agrees on: differing values are how
   * two servers come to disagree on where a request ends.
   */
  private static long contentLength(List<String> fields) throws BadRequest {
    long length = -1;
    for (String field : fields) {
      for (String element : field.split(",", -1)) {
        long value = digits(HttpSyntax.trimWhitespace(element));
        if (value < 0) {
          throw new BadRequest(400, "malformed Content-Length (digits only): " + field);
        }
        if (length >= 0 && value != length) {
          throw new BadRequest(400, "Content-Length values differ: " + String.join(", ", fields));
        }
        length = value;
      }
    }
    return length;
  }

  /** A run of decimal digits, saturated at Long.MAX_VALUE; -1 when empty or not all digits. */
  private static long digits(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
    }
    return value;
  }

  /** A comma-separated list in lower case, each element trimmed. */
  private static List<String> tokens(String list) {
    List<String> tokens = new ArrayList<>(2);
    if (list.isBlank()) {
      return tokens;
    }
    for (String element : list.split(",", -1)) {
      tokens.add(HttpSyntax.trimWhitespace(element).toLowerCase(Locale.ROOT));
    }
    return tokens;
  }
}
