package dev.fanout.report;

import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A run's progress as its tasks finish (done/total, rate, time left). On a terminal: one bar,
 * redrawn in place at most ten times a second and erased when the run ends. Elsewhere (piped, in
 * CI): a plain line every few seconds, with no control characters, so a log stays readable and a
 * short run prints nothing at all.
 */
public final class ProgressBar implements TaskListener, AutoCloseable {
  private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
  private static final int BAR_CELLS = 24;
  private static final int MAX_WIDTH = 79;

  private final PrintWriter out;
  private final String label;
  private final int total;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private int done; // guarded by this
  private long lastDrawNanos; // guarded by this
  private boolean drawn; // guarded by this

  /**
   * @param terminal whether {@code out} is a terminal that understands carriage returns and erase
   *     sequences
   */
  public ProgressBar(
      PrintWriter out, String label, int total, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastDrawNanos = startNanos;
  }

  /**
   * Whether standard error is a terminal: {@code -Dfanout.tty=true} (which scripts/fanout sets when
   * it is), unless CI is set or TERM is dumb. Java cannot tell on its own which stream is a
   * terminal, so without the property the answer is no: plain lines are always safe.
   */
  public static boolean stderrIsTerminal(Map<String, String> environment, String ttyProperty) {
    String ci = environment.getOrDefault("CI", "");
    if (!ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
      return false;
    }
    if ("dumb".equals(environment.get("TERM"))) {
      return false;
    }
    return "true".equals(ttyProperty);
  }

  @Override
  public synchronized void finished(TaskRecord record) {
    done++;
    long now = nanoTime.getAsLong();
    long interval = terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
    if (done < total && now - lastDrawNanos >= interval) {
      lastDrawNanos = now;
      drawn = true;
      String text = line(label, done, total, now - startNanos, terminal);
      if (terminal) {
        out.print("\r" + text + "\033[K");
      } else {
        out.println(text);
      }
      out.flush();
    }
  }

  /** Erases the bar on a terminal, so that the run's summary line takes its place. */
  @Override
  public synchronized void close() {
    if (terminal && drawn) {
      out.print("\r\033[K");
      out.flush();
    }
  }

  /**
   * The progress line for {@code done} of {@code total} tasks after {@code elapsedNanos}: rate is
   * tasks finished per second so far, and the time left assumes that rate holds.
   */
  static String line(String label, int done, int total, long elapsedNanos, boolean withBar) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String left = done >= total ? "done" : rate > 0 ? eta((total - done) / rate) : "--";
    int percent = total == 0 ? 100 : (int) Math.floor(100.0 * done / total);
    if (!withBar) {
      return String.format(
          Locale.ROOT,
          "  %s: %d/%d tasks (%d%%), %s tasks/s, %s left",
          label,
          done,
          total,
          percent,
          rate(rate),
          left);
    }
    int filled = total == 0 ? BAR_CELLS : (int) ((long) BAR_CELLS * done / total);
    String tail =
        String.format(
            Locale.ROOT,
            " [%s%s] %d/%d %d%% %s/s ETA %s",
            "#".repeat(filled),
            "-".repeat(BAR_CELLS - filled),
            done,
            total,
            percent,
            rate(rate),
            left);
    int room = Math.max(8, MAX_WIDTH - tail.length() - 2);
    String shown = label.length() <= room ? label : label.substring(0, room - 1) + "~";
    return "  " + shown + tail;
  }

  private static String rate(double perSecond) {
    if (perSecond >= 100) {
      return String.format(Locale.ROOT, "%.0f", perSecond);
    }
    return String.format(Locale.ROOT, perSecond >= 10 ? "%.1f" : "%.2f", perSecond);
  }

  private static String eta(double seconds) {
    if (seconds < 1) {
      return "<1 s";
    }
    long whole = (long) Math.ceil(seconds);
    if (whole < 60) {
      return whole + " s";
    }
    if (whole < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
  }
}
