package dev.fanout.report;

import dev.fanout.advice.Advisor;
import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One sentence on a workload's comparison: which strategy won, by how much over the next and over
 * sequential, and why, from the kind of work. Runs with failed tasks do not compete.
 */
public final class WorkloadVerdict {
  private WorkloadVerdict() {}

  /** The verdict, or empty when fewer than two strategies ran without failures. */
  public static Optional<String> of(WorkloadReport report, int cores) {
    List<RunResult> finished =
        report.runs().stream()
            .map(RunSummary::run)
            .filter(run -> run.failed() == 0)
            .sorted(Comparator.comparingDouble(RunResult::wallMillis))
            .toList();
    if (finished.size() < 2) {
      return Optional.empty();
    }
    RunResult winner = finished.get(0);
    RunResult next = finished.get(1);
    StringBuilder text = new StringBuilder();
    if (next.wallMillis() <= winner.wallMillis() * (1 + Advisor.TIE)) {
      text.append(
          String.format(
              Locale.ROOT,
              "%s and %s tied (%s and %s, within %.0f%%)",
              label(winner),
              label(next),
              ConsoleTable.duration(winner.wallMillis()),
              ConsoleTable.duration(next.wallMillis()),
              Advisor.TIE * 100));
    } else {
      text.append(
          String.format(
              Locale.ROOT,
              "%s won in %s, %.1fx faster than the next, %s",
              label(winner),
              ConsoleTable.duration(winner.wallMillis()),
              next.wallMillis() / Math.max(1e-9, winner.wallMillis()),
              label(next)));
    }
    finished.stream()
        .filter(run -> run.strategy() == StrategyKind.SEQUENTIAL && run != winner)
        .findFirst()
        .ifPresent(
            sequential ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        " (%.1fx sequential)",
                        sequential.wallMillis() / Math.max(1e-9, winner.wallMillis()))));
    return Optional.of(text.append(": ").append(why(report.kind(), cores)).append('.').toString());
  }

  private static String label(RunResult run) {
    return run.strategy().label();
  }

  private static String why(UnitKind kind, int cores) {
    return switch (kind) {
      case CPU ->
          "CPU work goes faster only on more cores at once ("
              + cores
              + " here), not by taking turns on one";
      case IO, WAIT ->
          "the tasks mostly wait, so the more of them wait at once, the sooner all end";
      case STATE -> "shared state: the time goes to what the tasks must do one at a time";
    };
  }
}
