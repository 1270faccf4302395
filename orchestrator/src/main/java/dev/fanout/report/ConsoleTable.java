package dev.fanout.report;

import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The comparison as a plain-text table per workload. */
public final class ConsoleTable {
  private static final String ROW = "  %-11s %8s %15s %9s %11s %10s  %s%n";

  private ConsoleTable() {}

  public static void print(PrintWriter out, WorkloadReport report, String context) {
    out.printf(
        "%n%s: %d tasks, %s; %s%s%n",
        report.workload(),
        report.tasks(),
        kindName(report.kind()),
        report.source(),
        context.isEmpty() ? "" : "; " + context);
    WorkloadVerdict.of(report, Runtime.getRuntime().availableProcessors())
        .ifPresent(verdict -> out.println(wrap("verdict: " + verdict, "  ", 100)));
    out.printf(ROW, "strategy", "workers", "wall", "speedup", "efficiency", "ok/failed", "");
    for (RunSummary summary : report.runs()) {
      RunResult run = summary.run();
      out.printf(
          ROW,
          run.strategy().label(),
          run.strategy().workersColumn(run.workers()),
          duration(run.wallMillis())
              + (summary.wallSamples().size() > 1
                  ? String.format(Locale.ROOT, " ±%.0f%%", summary.spread() * 50)
                  : ""),
          summary.speedup() == null ? "-" : String.format(Locale.ROOT, "%.2fx", summary.speedup()),
          summary.efficiency() == null
              ? "-"
              : String.format(Locale.ROOT, "%.0f%%", summary.efficiency() * 100),
          run.ok() + "/" + run.failed(),
          notes(run));
    }
    for (String failure : report.failures()) {
      out.printf("  %s%n", failure);
    }
    out.flush();
  }

  /** The lines that explain the wall and efficiency columns, printed once under the tables. */
  public static void printLegend(
      PrintWriter out, List<WorkloadReport> reports, int cores, int repeat) {
    if (repeat > 1) {
      out.printf(
          "%nwall: the median of %d runs; ± is half the spread between the fastest and the"
              + " slowest, as a share of the median.",
          repeat);
    }
    out.printf(
        "%nefficiency = physical limit / wall time. Limit: CPU work max(total work / %d cores,"
            + " longest task); I/O and waits max(total work / tasks in flight, longest task)."
            + " A task's work is its least CPU time in any run for CPU work, its shortest time in"
            + " any run for the rest.%n",
        cores);
    List<String> unknown =
        reports.stream()
            .filter(report -> report.runs().stream().anyMatch(run -> run.efficiency() == null))
            .map(WorkloadReport::workload)
            .toList();
    if (!unknown.isEmpty()) {
      out.printf(
          "efficiency -: no run of %s measured its tasks' CPU time (virtual threads and Lambda"
              + " cannot), so there is no limit to compare with; a threads or sequential run"
              + " beside it gives one (compare -s threads,...).%n",
          String.join(", ", unknown));
    }
    out.flush();
  }

  private static String notes(RunResult run) {
    StringBuilder notes = new StringBuilder();
    if (!run.startupMillis().isEmpty()) {
      double max = run.startupMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      double mean =
          run.startupMillis().stream().mapToDouble(Double::doubleValue).average().orElse(0);
      notes.append(
          String.format(
              Locale.ROOT,
              "JVM start-up (not in wall): %d x mean %s, max %s",
              run.startupMillis().size(),
              duration(mean),
              duration(max)));
    }
    if (run.lambda() != null) {
      long cold =
          run.tasks().stream().filter(t -> t.lambda() != null && t.lambda().coldStart()).count();
      notes
          .append(notes.isEmpty() ? "" : "; ")
          .append(run.lambda().target())
          .append(
              String.format(
                  Locale.ROOT,
                  "; %d cold starts, %d throttles, est. $%.6f",
                  cold,
                  run.lambda().throttles(),
                  run.lambda().costUsd()));
    }
    run.tasks().stream()
        .filter(task -> !task.ok())
        .findFirst()
        .ifPresent(
            task ->
                notes
                    .append(notes.isEmpty() ? "" : "; ")
                    .append("first failure: task ")
                    .append(task.index())
                    .append(": ")
                    .append(task.error().type())
                    .append(": ")
                    .append(task.error().message()));
    return notes.toString();
  }

  /** How the report names a kind of work: CPU-bound, I/O-bound, waiting, shared state. */
  public static String kindName(UnitKind kind) {
    return switch (kind) {
      case CPU -> "CPU-bound";
      case IO -> "I/O-bound";
      case WAIT -> "waiting";
      case STATE -> "shared state";
    };
  }

  public static String duration(double millis) {
    if (millis < 1) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    return String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }

  /** {@code text} in lines of at most {@code width} columns, the first indented, the rest more. */
  public static String wrap(String text, String indent, int width) {
    StringBuilder wrapped = new StringBuilder(indent);
    int column = indent.length();
    boolean lineStart = true;
    for (String word : text.split(" ")) {
      if (!lineStart && column + 1 + word.length() > width) {
        wrapped.append('\n').append(indent).append("  ");
        column = indent.length() + 2;
        lineStart = true;
      }
      if (!lineStart) {
        wrapped.append(' ');
        column++;
      }
      wrapped.append(word);
      column += word.length();
      lineStart = false;
    }
    return wrapped.toString();
  }
}
