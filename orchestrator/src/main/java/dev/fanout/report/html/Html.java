package dev.fanout.report.html;

import dev.fanout.report.ConsoleTable;
import java.util.Locale;

/** Escaping and number formats for the report: everything put into the page goes through here. */
final class Html {
  private Html() {}

  /**
   * Text as HTML/SVG character data or an attribute value. Markup characters are escaped; control
   * characters and unpaired surrogates, which HTML cannot carry, become U+FFFD.
   */
  static String text(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        case '\n', '\t' -> escaped.append(c);
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < raw.length()
              && Character.isLowSurrogate(raw.charAt(i + 1))) {
            escaped.append(c).append(raw.charAt(++i));
          } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
            escaped.append('\uFFFD');
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /** At most {@code max} characters of {@code raw}, with an ellipsis when cut. */
  static String cut(String raw, int max) {
    if (raw == null || raw.length() <= max) {
      return raw;
    }
    int end = Character.isHighSurrogate(raw.charAt(max - 1)) ? max - 1 : max;
    return raw.substring(0, end) + "…";
  }

  /** A coordinate or length for SVG: one decimal, no locale. */
  static String px(double value) {
    double rounded = Math.round(value * 10) / 10.0;
    return rounded == Math.rint(rounded)
        ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%.1f", rounded);
  }

  static String duration(double millis) {
    return ConsoleTable.duration(millis);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  static String times(double factor) {
    return String.format(Locale.ROOT, factor >= 10 ? "%.1fx" : "%.2fx", factor);
  }
}
