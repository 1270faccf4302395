package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.TaskRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
    assertThat(ProgressBar.line("fib/threads", 40, 160, 10 * SECOND, false))
        .isEqualTo("  fib/threads: 40/160 tasks (25%), 4.00 tasks/s, 30 s left");
    assertThat(ProgressBar.line("fib/threads", 40, 160, 10 * SECOND, true))
        .isEqualTo("  fib/threads [######------------------] 40/160 25% 4.00/s ETA 30 s");
  }

  @Test
  void line_roundsTheRateAndSaysWhenNothingIsKnownYet() {
    assertThat(ProgressBar.line("w", 1500, 3000, SECOND, false)).contains("1500 tasks/s, 1 s left");
    assertThat(ProgressBar.line("w", 25, 100, 2 * SECOND, false))
        .contains("12.5 tasks/s, 6 s left");
    assertThat(ProgressBar.line("w", 0, 10, SECOND, false)).contains("0.00 tasks/s, -- left");
    assertThat(ProgressBar.line("w", 1, 1000, 2 * SECOND, false)).contains("33 min 18 s left");
    assertThat(ProgressBar.line("w", 10, 10, SECOND, true)).contains("[########################]");
  }

  @Test
  void line_onATerminalFitsEightyColumns() {
    String label = "a-very-long-workload-name/with-a-long-strategy-name-that-goes-on";
    String line = ProgressBar.line(label, 5, 100_000, SECOND, true);
    assertThat(line.length()).isLessThanOrEqualTo(79);
    assertThat(line).contains("5/100000");
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
        .contains("\r  fib/threads [######------------------] 1/4 25% 1.00/s ETA 3 s\033[K");
    assertThat(out).contains("3/4 75%");
    assertThat(out).endsWith("\r\033[K");
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
