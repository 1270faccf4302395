package dev.fanout.cli;

import java.net.URI;

/** The checks picocli's types cannot express, with one wording for every command's options. */
final class OptionChecks {
  private OptionChecks() {}

  /** Refuses a value outside min..max, naming the option. */
  static void range(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " must be from " + min + " to " + max + ", got " + value);
    }
  }

  /** Refuses a URL that is not http(s) with a host, naming the option; null passes. */
  static void httpUrl(String option, URI uri, String example) {
    if (uri != null
        && (uri.getScheme() == null
            || !uri.getScheme().matches("https?")
            || uri.getHost() == null)) {
      throw new IllegalArgumentException(
          option + " must be an http(s) URL like " + example + ", got '" + uri + "'");
    }
  }
}
