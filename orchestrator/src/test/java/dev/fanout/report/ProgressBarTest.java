package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.TaskRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(7 * SECOND);
  private final StringWriter written = new StringWriter();

  private ProgressBar bar(int total, boolean terminal) {
    return new ProgressBar(
        new PrintWriter(written, true), "fib/threads", total, terminal, clock::get);
  }

  private static TaskRecord task(int index) {
    return new TaskRecord(
        index, JsonNodeFactory.instance.objectNode(), null, null, "thread-1", 0, 1, 1.0);
  }

  @Test
  void line_givesDoneTotalRateAndTimeLeft() {
    assertThat(ProgressBar.line("fib/threads", 40, 160, 4, OptionalDouble.of(30), false))
        .isEqualTo("  fib/threads: 40/160 tasks (25%), 4.00 tasks/s, 30 s left");
    assertThat(ProgressBar.line("fib/threads", 40, 160, 4, OptionalDouble.of(30), true))
        .isEqualTo("  fib/threads [######------------------] 40/160 25% 4.00/s ETA 30 s");
  }

  @Test
  void line_roundsTheRateAndSaysWhenNothingIsKnownYet() {
    assertThat(ProgressBar.line("w", 1500, 3000, 1500, OptionalDouble.of(1), false))
        .contains("1500 tasks/s, 1 s left");
    assertThat(ProgressBar.line("w", 25, 100, 12.5, OptionalDouble.of(6), false))
        .contains("12.5 tasks/s, 6 s left");
    assertThat(ProgressBar.line("w", 0, 10, 0, OptionalDouble.empty(), false))
        .contains("0.00 tasks/s, -- left");
    assertThat(ProgressBar.line("w", 1, 1000, 0.5, OptionalDouble.of(1998), false))
        .contains("33 min 18 s left");
    assertThat(ProgressBar.line("w", 10, 10, 10, OptionalDouble.empty(), true))
        .contains("[########################]");
  }

  @Test
  void line_onATerminalFitsEightyColumns() {
    String label = "a-very-long-workload-name/with-a-long-strategy-name-that-goes-on";
    String line = ProgressBar.line(label, 5, 100_000, 5, OptionalDouble.of(19_999), true);
    assertThat(line.length()).isLessThanOrEqualTo(79);
    assertThat(line).contains("5/100000");
    assertThat(ProgressBar.startupLine(label, "starting 64 worker JVMs (63/64 ready)", true))
        .hasSizeLessThanOrEqualTo(79)
        .endsWith(": starting 64 worker JVMs (63/64 ready)");
  }

  /**
   * The run that once showed 16 minutes left for 9 s of work: 35 tasks on 4 Lambda instances whose
   * cold starts end between 6.5 and 7.5 s, then 0.2 s a task on warm instances; the first task to
   * finish is all cold start. Every time left shown is within 3x of the truth.
   */
  @Test
  void eta_ofALambdaRunOfNineSeconds_isNeverAWildGuess() {
    List<Long> finishes = instances(List.of(6.5, 6.8, 7.1, 7.5), 0.2, 35);

    List<double[]> shown = etas(finishes, 35);

    assertThat(finishes.getLast() / 1e9).isBetween(8.0, 9.5);
    assertThat(shown).isNotEmpty();
    assertThat(shown)
        .allSatisfy(
            eta ->
                assertThat(eta[0])
                    .as("%.1f s left shown with %.1f s to go", eta[0], eta[1])
                    .isLessThanOrEqualTo(3 * Math.max(eta[1], 1)));
  }

  /** One slow task first (a straggler), then the rest quickly on the same lane. */
  @Test
  void eta_afterOneEarlyStraggler_waitsForEnoughTasksAndThenHoldsToTheirRate() {
    List<Long> finishes = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      finishes.add((long) ((8 + 0.1 * i) * SECOND));
    }

    List<double[]> shown = etas(finishes, 35);

    assertThat(shown).hasSize(35 - ProgressBar.ENOUGH_TO_ESTIMATE);
    assertThat(shown)
        .allSatisfy(eta -> assertThat(eta[0]).isLessThanOrEqualTo(3 * Math.max(eta[1], 1)));
  }

  @Test
  void eta_ofFewSlowTasks_comesOnceTheyHaveTakenLongEnough() {
    ProgressBar bar = bar(6, true);
    for (int i = 1; i <= 3; i++) {
      clock.addAndGet(6 * SECOND);
      bar.finished(task(i));
    }

    // 3 of 6 after 18 s, the last two 6 s apart: 3 more take 18 s.
    assertThat(written.toString()).contains("1/6 16% 0.17/s ETA --").endsWith("ETA 18 s\033[K");
  }

  @Test
  void plain_printsALineEveryFiveSecondsWithNoControlCharacters() {
    ProgressBar bar = bar(100, false);
    for (int i = 0; i < 99; i++) {
      clock.addAndGet(SECOND / 10);
      bar.finished(task(i));
    }
    bar.finished(task(99));
    bar.close();

    String out = written.toString();
    // 9.9 s: lines at the 50th task (5.0 s) only; the last task prints nothing (a summary follows).
    assertThat(out.lines())
        .containsExactly("  fib/threads: 50/100 tasks (50%), 10.0 tasks/s, 5 s left");
    assertThat(out.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Test
  void plain_aShortRunPrintsNothing() {
    ProgressBar bar = bar(3, false);
    for (int i = 0; i < 3; i++) {
      clock.addAndGet(SECOND);
      bar.finished(task(i));
    }
    bar.close();

    assertThat(written.toString()).isEmpty();
  }

  @Test
  void terminal_redrawsInPlaceAndErasesItselfAtTheEnd() {
    ProgressBar bar = bar(4, true);
    for (int i = 0; i < 4; i++) {
      clock.addAndGet(SECOND);
      bar.finished(task(i));
    }
    bar.close();

    String out = written.toString();
    assertThat(out).doesNotContain("\n");
    assertThat(out)
        .contains("\r  fib/threads [######------------------] 1/4 25% 1.00/s ETA --\033[K");
    assertThat(out).contains("3/4 75%");
    assertThat(out).endsWith("\r\033[K");
  }

  @Test
  void starting_onATerminal_showsTheWorkerJvmsAsTheyGetReady_thenTheTasks() {
    ProgressBar bar =
        new ProgressBar(new PrintWriter(written, true), "fib/processes", 4, true, clock::get);

    bar.starting("worker JVMs", 0, 2);
    clock.addAndGet(SECOND);
    bar.starting("worker JVMs", 1, 2);
    clock.addAndGet(SECOND / 10);
    bar.starting("worker JVMs", 2, 2);
    clock.addAndGet(SECOND);
    bar.finished(task(0));
    bar.close();

    assertThat(written.toString())
        .startsWith("\r  fib/processes: starting 2 worker JVMs (0/2 ready)\033[K")
        .contains("\r  fib/processes: starting 2 worker JVMs (1/2 ready)\033[K")
        .contains("\r  fib/processes: starting 2 worker JVMs (2/2 ready)\033[K")
        // The rate counts from the end of the start-up: 1 task in 1 s, not in 2.1 s.
        .contains("\r  fib/processes [######------------------] 1/4 25% 1.00/s ETA --\033[K")
        .endsWith("\r\033[K")
        .doesNotContain("\n");
  }

  @Test
  void starting_withoutACount_saysWhatIsStarting() {
    ProgressBar bar = bar(0, true);

    bar.starting("the local Lambda service", 0, 0);
    bar.close();

    assertThat(written.toString())
        .isEqualTo("\r  fib/threads: starting the local Lambda service\033[K\r\033[K");
  }

  @Test
  void starting_whenPiped_printsNothingForAShortStartUp_andALineForALongOne() {
    ProgressBar bar = bar(4, false);

    bar.starting("worker JVMs", 0, 2);
    clock.addAndGet(SECOND);
    bar.starting("worker JVMs", 1, 2);
    assertThat(written.toString()).isEmpty();

    clock.addAndGet(5 * SECOND);
    bar.starting("worker JVMs", 2, 2);
    bar.close();
    assertThat(written.toString()).isEqualTo("  fib/threads: starting 2 worker JVMs (2/2 ready)\n");
  }

  /** Each finish, in ns from the start: lanes that come up at {@code firstDone}, then take more. */
  private static List<Long> instances(List<Double> firstDone, double warmSeconds, int tasks) {
    PriorityQueue<Long> lanesFree = new PriorityQueue<>();
    List<Long> finishes = new ArrayList<>();
    for (double seconds : firstDone) {
      lanesFree.add((long) (seconds * SECOND));
    }
    int started = firstDone.size();
    while (!lanesFree.isEmpty()) {
      long at = lanesFree.poll();
      finishes.add(at);
      if (started < tasks) {
        started++;
        lanesFree.add(at + (long) (warmSeconds * SECOND));
      }
    }
    return finishes;
  }

  /**
   * Drives a terminal bar through {@code finishes}; for each time left it drew: the seconds it
   * showed and the seconds the run really had to go.
   */
  private List<double[]> etas(List<Long> finishes, int total) {
    clock.set(0);
    ProgressBar bar = bar(total, true);
    List<double[]> shown = new ArrayList<>();
    Pattern eta = Pattern.compile("ETA ((\\d+) h (\\d+) min|(\\d+) min (\\d+) s|(\\d+) s|<1 s|--)");
    for (int i = 0; i < finishes.size(); i++) {
      clock.set(finishes.get(i));
      int before = written.getBuffer().length();
      bar.finished(task(i));
      String drawn = written.getBuffer().substring(before);
      Matcher matcher = eta.matcher(drawn);
      if (matcher.find() && !matcher.group(1).equals("--")) {
        double toGo = (finishes.getLast() - finishes.get(i)) / 1e9;
        shown.add(new double[] {seconds(matcher), toGo});
      }
    }
    bar.close();
    return shown;
  }

  private static double seconds(Matcher eta) {
    if (eta.group(2) != null) {
      return Long.parseLong(eta.group(2)) * 3600 + Long.parseLong(eta.group(3)) * 60;
    }
    if (eta.group(4) != null) {
      return Long.parseLong(eta.group(4)) * 60 + Long.parseLong(eta.group(5));
    }
    return eta.group(6) != null ? Long.parseLong(eta.group(6)) : 0.5;
  }

  @Test
  void stderrIsTerminal_onlyWhenSaidSoAndNotInCi() {
    assertThat(ProgressBar.stderrIsTerminal(Map.of(), "true")).isTrue();
    assertThat(ProgressBar.stderrIsTerminal(Map.of(), null)).isFalse();
    assertThat(ProgressBar.stderrIsTerminal(Map.of("CI", "true"), "true")).isFalse();
    assertThat(ProgressBar.stderrIsTerminal(Map.of("CI", "false"), "true")).isTrue();
    assertThat(ProgressBar.stderrIsTerminal(Map.of("TERM", "dumb"), "true")).isFalse();
  }
}
