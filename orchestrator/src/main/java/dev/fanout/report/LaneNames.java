package dev.fanout.report;

import java.math.BigInteger;
import java.util.Comparator;

/** The one order of lanes in every report: by name, runs of digits as numbers. */
public final class LaneNames {
  /** thread-2 before thread-10, virtual-41 before virtual-69, pid 987 before pid 1234. */
  public static final Comparator<String> NATURAL = LaneNames::compare;

  private LaneNames() {}

  /** Compares names as text, but runs of digits as numbers. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int compared =
            new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
        if (compared != 0) {
          return compared;
        }
        i = endA;
        j = endB;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int digitsEnd(String text, int from) {
    int end = from;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end;
  }
}
