package dev.fanout.localcloud.origin;

import java.util.OptionalLong;

/** Strict parsing of the decimal numbers in paths and queries: digits only, within bounds. */
final class Numbers {

  private Numbers() {}

  /** The value of {@code text} if it is 1..18 ASCII digits naming a number in {@code min..max}. */
  static OptionalLong parse(String text, long min, long max) {
    if (text.isEmpty() || text.length() > 18) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      value = value * 10 + (c - '0');
    }
    return value < min || value > max ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
