package dev.fanout.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks picocli's types cannot express, with one wording for every command's options. */
final class OptionChecks {
  /** A whole number and its unit: 500ms, 90s, 5m, 1h. */
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

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

  /** A positive duration written as a number and its unit (ms, s, m, h), naming the option. */
  static Duration duration(String option, String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          option + " must be a duration like 90s, 5m or 500ms, got '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> throw new IllegalStateException("the pattern admits no unit " + matcher);
        };
    if (duration.isZero()) {
      throw new IllegalArgumentException(option + " must be longer than 0, got '" + text + "'");
    }
    return duration;
  }

  /** Fails before any run, not after them all, when the report could not be written. */
  static void writable(String option, Path file) {
    Path parent = file.toAbsolutePath().getParent();
    for (Path above = parent; above != null; above = above.getParent()) {
      if (Files.isRegularFile(above)) {
        throw new IllegalArgumentException(
            option + ": cannot write " + file + ": " + above + " is a file, not a directory");
      }
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          option + ": cannot create the directory " + parent + " for " + file + ": " + e);
    }
    if (Files.isDirectory(file) || !Files.isWritable(parent)) {
      throw new IllegalArgumentException(
          option
              + ": cannot write "
              + file
              + (Files.isDirectory(file)
                  ? ": it is a directory; give a file name"
                  : ": the directory is not writable"));
    }
  }
}
