package dev.fanout.report;

import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * A run's progress: first its start-up (worker JVMs, Lambda instances) as it is told of it, then
 * its tasks as they finish (done/total, rate, time left). On a terminal: one line, redrawn in place
 * (the tasks' at most ten times a second) and erased when the run ends. Elsewhere (piped, in CI): a
 * plain line every few seconds, with no control characters, so a log stays readable and a short run
 * prints nothing at all.
 *
 * <p>The time left is estimated only once enough tasks have finished, from the rate at which the
 * later half of them finished: the first to finish say more about how long a task waited to start
 * (an instance's cold start, a straggler) than about how fast the tasks in flight get done.
 */
public final class ProgressBar implements TaskListener, AutoCloseable {
  private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
  private static final int BAR_CELLS = 24;
  private static final int MAX_WIDTH = 79;

  /** Tasks finished before a time left is estimated from their rate. */
  static final int ENOUGH_TO_ESTIMATE = 5;

  /** With fewer tasks finished, how long they must have taken to finish for an estimate. */
  static final long SLOW_TASKS_NANOS = 10_000_000_000L;

  private final PrintWriter out;
  private final String label;
  private final int total;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private final long[] finishedNanos; // guarded by this; when each task finished, in order
  private long startNanos; // guarded by this; the run's start, after its start-up
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
    this.finishedNanos = new long[Math.max(0, total)];
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
    long now = nanoTime.getAsLong();
    if (done < finishedNanos.length) {
      finishedNanos[done] = now;
    }
    done++;
    long interval = terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
    if (done < total && now - lastDrawNanos >= interval) {
      draw(now, line(label, done, total, ratePerSecond(now), secondsLeft(), terminal));
    }
  }

  /**
   * Shows how far the start-up has got: on a terminal at once, elsewhere as the tasks' lines are,
   * every few seconds. Its last step is where the run's clock starts.
   */
  @Override
  public synchronized void starting(String what, int ready, int count) {
    long now = nanoTime.getAsLong();
    startNanos = now;
    if (done > 0) {
      return; // the tasks' own progress says more
    }
    String startup =
        count > 0
            ? "starting " + count + " " + what + " (" + ready + "/" + count + " ready)"
            : "starting " + what;
    if (terminal || now - lastDrawNanos >= PLAIN_INTERVAL_NANOS) {
      draw(now, startupLine(label, startup, terminal));
    }
  }

  private void draw(long now, String text) {
    lastDrawNanos = now;
    drawn = true;
    if (terminal) {
      out.print("\r" + text + "\033[K");
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Tasks per second: as fast as the estimate goes once there is one, else the mean so far. */
  private double ratePerSecond(long now) {
    OptionalDouble recent = recentRate();
    if (recent.isPresent()) {
      return recent.getAsDouble();
    }
    double seconds = (now - startNanos) / 1e9;
    return seconds > 0 ? done / seconds : 0;
  }

  /** The time left: the tasks left at the recent rate; empty until that rate is known. */
  private OptionalDouble secondsLeft() {
    OptionalDouble rate = recentRate();
    return rate.isPresent() ? OptionalDouble.of((total - done) / rate.getAsDouble()) : rate;
  }

  /**
   * The rate at which the later half of the finished tasks finished: none until {@link
   * #ENOUGH_TO_ESTIMATE} have (or fewer that took {@link #SLOW_TASKS_NANOS} to), so that neither
   * the first tasks' wait for their lanes nor one straggler sets it.
   */
  private OptionalDouble recentRate() {
    int known = Math.min(done, finishedNanos.length);
    if (known < 2) {
      return OptionalDouble.empty();
    }
    long last = finishedNanos[known - 1];
    boolean enough =
        known >= ENOUGH_TO_ESTIMATE || (known >= 3 && last - finishedNanos[0] >= SLOW_TASKS_NANOS);
    int from = known / 2 - 1; // the finish before the later half's first
    long span = last - finishedNanos[from];
    if (!enough || span <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((known - 1 - from) / (span / 1e9));
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
   * The progress line for {@code done} of {@code total} tasks: {@code rate} tasks per second and,
   * when it can be estimated, the time left.
   */
  static String line(
      String label, int done, int total, double rate, OptionalDouble secondsLeft, boolean withBar) {
    String left =
        done >= total ? "done" : secondsLeft.isPresent() ? eta(secondsLeft.getAsDouble()) : "--";
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
    return "  " + fitted(label, tail) + tail;
  }

  /** The line while the run starts, e.g. "fib/processes: starting 2 worker JVMs (1/2 ready)". */
  static String startupLine(String label, String startup, boolean terminal) {
    String tail = ": " + startup;
    return "  " + (terminal ? fitted(label, tail) : label) + tail;
  }

  /** The label, cut so that a terminal's line with {@code tail} fits its width. */
  private static String fitted(String label, String tail) {
    int room = Math.max(8, MAX_WIDTH - tail.length() - 2);
    return label.length() <= room ? label : label.substring(0, room - 1) + "~";
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
