package dev.fanout.report;

import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The comparison as a plain-text table per workload, and the console's shared line wrapping: rows
 * stay narrow, and what a row has to say beyond its figures goes to a numbered note under the
 * table.
 */
public final class ConsoleTable {
  /** Where the console's prose is wrapped; a table row with its note marker stays near it. */
  public static final int WIDTH = 100;

  private static final String ROW = "  %-11s %8s %15s %9s %11s %10s  %s";

  /**
   * From this many tasks a table says what each cost past its own work: with the articles' few
   * tasks that figure is mostly the longest task's straggling, at scale it is the strategy's price.
   */
  static final int OVERHEAD_FROM_TASKS = 1_000;

  private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:[.,][0-9]+)*");

  private ConsoleTable() {}

  public static void print(PrintWriter out, WorkloadReport report, String context) {
    out.println();
    out.println(
        wrap(
            String.format(
                "%s: %d tasks, %s; %s%s",
                report.workload(),
                report.tasks(),
                kindName(report.kind()),
                report.source(),
                context.isEmpty() ? "" : "; " + context),
            "",
            "  ",
            WIDTH));
    WorkloadVerdict.of(report, Runtime.getRuntime().availableProcessors())
        .ifPresent(verdict -> out.println(wrap("verdict: " + verdict, "  ", WIDTH)));
    row(out, "strategy", "workers", "wall", "speedup", "efficiency", "ok/failed", "");
    List<String> notes = new ArrayList<>();
    for (RunSummary summary : report.runs()) {
      RunResult run = summary.run();
      String note = notes(run);
      if (!note.isEmpty()) {
        notes.add(note);
      }
      row(
          out,
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
          note.isEmpty() ? "" : marker(notes.size()));
    }
    printNotes(out, notes);
    if (report.tasks() >= OVERHEAD_FROM_TASKS && !report.runs().isEmpty()) {
      out.println(wrap(overheadLine(report.runs()), "  ", WIDTH));
    }
    for (String failure : report.failures()) {
      out.println(wrap(failure, "  ", WIDTH));
    }
    out.flush();
  }

  /** Each run's wall time past the physical limit, per task. */
  static String overheadLine(List<RunSummary> runs) {
    List<String> figures = new ArrayList<>();
    for (RunSummary summary : runs) {
      Double overhead = summary.overheadMillisPerTask();
      figures.add(
          summary.run().strategy().label() + " " + (overhead == null ? "-" : perTask(overhead)));
    }
    return "overhead a task, (wall - physical limit) / tasks: " + String.join(", ", figures);
  }

  /** A time per task: microseconds below a millisecond, where the per-task costs are. */
  public static String perTask(double millis) {
    return millis < 1 ? String.format(Locale.ROOT, "%.1f us", millis * 1000) : duration(millis);
  }

  private static void row(PrintWriter out, Object... columns) {
    out.println(String.format(ROW, columns).stripTrailing());
  }

  /** How a row points at its note under the table: {@code [n]}, counted from 1 in each table. */
  static String marker(int number) {
    return "[" + number + "]";
  }

  /**
   * The notes that rows pointed at, one per marker in order, each wrapped with its continuation
   * lines under its text.
   */
  static void printNotes(PrintWriter out, List<String> notes) {
    for (int i = 0; i < notes.size(); i++) {
      String mark = "  " + marker(i + 1) + " ";
      out.println(wrap(notes.get(i), mark, " ".repeat(mark.length()), WIDTH));
    }
  }

  /** The lines that explain the wall and efficiency columns, printed once under the tables. */
  public static void printLegend(
      PrintWriter out, List<WorkloadReport> reports, int cores, int repeat) {
    out.println();
    if (repeat > 1) {
      out.println(
          wrap(
              String.format(
                  "wall: the median of %d runs; ± is half the spread between the fastest and the"
                      + " slowest, as a share of the median.",
                  repeat),
              "",
              "",
              WIDTH));
    }
    out.println(
        wrap(
            String.format(
                "efficiency = physical limit / wall time. Limit: CPU work max(total work / %d"
                    + " cores, longest task); I/O and waits max(total work / tasks in flight,"
                    + " longest task). A task's work is its least CPU time in any run for CPU"
                    + " work, its shortest time in any run for the rest.",
                cores),
            "",
            "",
            WIDTH));
    List<String> unknown =
        reports.stream()
            .filter(report -> report.runs().stream().anyMatch(run -> run.efficiency() == null))
            .map(WorkloadReport::workload)
            .toList();
    if (!unknown.isEmpty()) {
      out.println(
          wrap(
              String.format(
                  "efficiency -: no run of %s measured its tasks' CPU time (virtual threads and"
                      + " Lambda cannot), so there is no limit to compare with; a threads or"
                      + " sequential run beside it gives one (compare -s threads,...).",
                  String.join(", ", unknown)),
              "",
              "",
              WIDTH));
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
    return wrap(text, indent, indent + "  ", width);
  }

  /** The words of {@code text}, a number kept with a short word after it: "2.93 s", "4 MB". */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.split(" ")) {
      int last = words.size() - 1;
      if (last >= 0
          && !word.isEmpty()
          && word.length() <= 3
          && NUMBER.matcher(words.get(last)).matches()) {
        words.set(last, words.get(last) + " " + word);
      } else {
        words.add(word);
      }
    }
    return words;
  }

  /**
   * {@code text} in lines of at most {@code width} columns, the first starting with {@code first},
   * the others with {@code rest}. Lines break between words; a word longer than a whole line (a
   * long path) is cut, so that no line passes the width.
   */
  public static String wrap(String text, String first, String rest, int width) {
    StringBuilder wrapped = new StringBuilder(first);
    int column = first.length();
    boolean lineStart = true;
    int room = Math.max(1, width - rest.length());
    for (String word : words(text)) {
      if (word.isEmpty()) { // a second space in a row is kept, except where a line breaks
        if (!lineStart) {
          wrapped.append(' ');
          column++;
        }
        continue;
      }
      if (!lineStart && column + 1 + word.length() > width) {
        int end = wrapped.length();
        while (wrapped.charAt(end - 1) == ' ') {
          end--;
        }
        wrapped.setLength(end);
        wrapped.append('\n').append(rest);
        column = rest.length();
        lineStart = true;
      }
      while (column + word.length() > width && word.length() > room) {
        int cut = Math.max(1, width - column);
        wrapped.append(word, 0, cut).append('\n').append(rest);
        word = word.substring(cut);
        column = rest.length();
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
