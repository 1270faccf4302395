package dev.fanout.localcloud.http;

/** The character classes of HTTP/1.1 (RFC 9110, 9112) that requests and responses are held to. */
final class HttpSyntax {
  private HttpSyntax() {}

  /** A token: a method, a header name, a transfer coding. */
  static boolean isToken(CharSequence text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isTokenChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /**
   * The index of the first character not allowed in a field value as received (visible ASCII,
   * space, tab, and the obsolete bytes 0x80-0xFF), or -1: a control character there is how a header
   * smuggles a line break past a proxy.
   */
  static int invalidValueChar(CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c == 0x7F)) {
        return i;
      }
    }
    return -1;
  }

  /** Tabs and spaces off both ends (the optional whitespace around a field value). */
  static String trimWhitespace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** A character as the error messages show it: printable as is, otherwise its code. */
  static String show(char c) {
    return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("0x%02X", (int) c);
  }

  /** {@code text} safe inside a JSON string. */
  static String jsonEscaped(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
