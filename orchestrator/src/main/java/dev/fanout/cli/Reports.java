package dev.fanout.cli;

import dev.fanout.api.UnitKind;
import dev.fanout.engine.Lab;
import dev.fanout.engine.ProjectFiles;
import dev.fanout.plan.Workload;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.Journal;
import dev.fanout.report.JsonReport;
import dev.fanout.report.WorkloadReport;
import dev.fanout.report.html.HtmlReport;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the workload commands print and write of the engine's results: a table per workload as it
 * ends, then the JSON and HTML reports asked for, and the exit code.
 */
final class Reports {
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private Reports() {}

  /**
   * Runs every named workload under every named strategy, a table printed as each ends, then the
   * reports; returns the CLI's exit code.
   */
  static int compare(
      CommandSpec spec, RunOptions options, List<String> workloads, List<StrategyKind> kinds) {
    PrintWriter out = spec.commandLine().getOut();
    List<WorkloadReport> reports = new ArrayList<>();
    options.lambda.warnUnused(kinds, spec.commandLine().getErr());
    options.workerJvms.warnUnused(kinds, spec.commandLine().getErr());
    List<String> onLambda =
        kinds.stream().anyMatch(StrategyKind::invokesLambda) ? workloads : List.of();
    try (Lab lab =
        Lab.open(options.labSettings(1, true, onLambda), kinds, spec.commandLine().getErr())) {
      // Every task list is made, and a file of the user's checked, before the first run.
      List<Workload> planned = workloads.stream().map(lab::workload).toList();
      for (Workload workload : planned) {
        WorkloadReport report = lab.run(workload, kinds);
        reports.add(report);
        ConsoleTable.print(out, report, lab.context(report.kind()));
      }
      ConsoleTable.printLegend(out, reports, cores(), lab.repeats());
      if (lab.resumed() != null) {
        out.printf(
            "resumed from %s: %d tasks carried over from the journal%n",
            lab.resumed().file(), lab.resumed().taskCount());
      }
      publish(spec, options, lab, reports, List.of());
    }
    Journal.finished();
    return exitCode(reports);
  }

  /** Writes the reports asked for (JSON, HTML by default) and says where they are. */
  static void publish(
      CommandSpec spec,
      RunOptions options,
      Lab lab,
      List<WorkloadReport> reports,
      List<String> notes) {
    PrintWriter out = spec.commandLine().getOut();
    if (lab.journal() != null) {
      out.println("journal: " + lab.journal().toAbsolutePath());
    }
    if (options.json != null) {
      long start = System.nanoTime();
      JsonReport.write(options.json, reports, lab.settingsJson());
      out.println("JSON report: " + options.json.toAbsolutePath() + written(options.json, start));
    }
    if (!options.noHtml) {
      Path html =
          options.html != null
              ? options.html
              : defaultHtml(
                  ProjectFiles.root().orElse(Path.of("").toAbsolutePath()),
                  spec.name(),
                  LocalDateTime.now());
      long start = System.nanoTime();
      HtmlReport.write(html, HtmlReport.render(page(spec, options, lab, reports, notes), reports));
      out.println("HTML report: " + html.toAbsolutePath() + written(html, start));
    }
    out.flush();
  }

  /**
   * What writing a report took, after its path: its size and time, e.g. " (28.0 MB, written in 1.12
   * s)", so that a run of many tasks shows what its reports cost (scripts/bench scale reads it).
   */
  private static String written(Path file, long startNanos) {
    double millis = (System.nanoTime() - startNanos) / 1e6;
    try {
      return " (" + size(Files.size(file)) + ", written in " + ConsoleTable.duration(millis) + ")";
    } catch (IOException e) {
      return " (written in " + ConsoleTable.duration(millis) + ")";
    }
  }

  /** A file's size as people read it: 812 bytes, 220 KB, 28.0 MB. */
  static String size(long bytes) {
    if (bytes < 1_000) {
      return bytes + " bytes";
    }
    if (bytes < 1_000_000) {
      return Math.round(bytes / 1e3) + " KB";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  static int exitCode(List<WorkloadReport> reports) {
    boolean anyFailed =
        reports.stream()
            .anyMatch(
                report ->
                    !report.failures().isEmpty()
                        || report.runs().stream().anyMatch(run -> run.run().failed() > 0));
    return anyFailed ? FanoutMain.TASKS_FAILED : FanoutMain.OK;
  }

  /**
   * Where a report goes when no --html is given: {@code .fanout/reports/} under the project (which
   * git ignores), or under the working directory outside a project; named by command and time,
   * never overwriting an earlier one.
   */
  static Path defaultHtml(Path root, String commandName, LocalDateTime now) {
    return defaultFile(root, "reports", commandName, ".html", now);
  }

  /** A new file {@code .fanout/KIND/COMMAND-TIME.EXT} under {@code root}, never an earlier one. */
  static Path defaultFile(
      Path root, String kind, String commandName, String extension, LocalDateTime now) {
    Path dir = root.resolve(".fanout").resolve(kind);
    String stem = commandName + "-" + FILE_TIME.format(now);
    Path file = dir.resolve(stem + extension);
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(stem + "-" + n + extension);
    }
    return file;
  }

  private static HtmlReport.Page page(
      CommandSpec spec,
      RunOptions options,
      Lab lab,
      List<WorkloadReport> reports,
      List<String> notes) {
    int repeats = lab.repeats();
    List<String> facts = new ArrayList<>();
    facts.add(JsonReport.machineLine());
    facts.add("I/O workloads: " + lab.context(UnitKind.IO));
    if (lab.resumed() != null) {
      facts.add(
          "resumed from the journal "
              + lab.resumed().file()
              + ": "
              + lab.resumed().taskCount()
              + " tasks carried over");
    }
    facts.add(
        (options.noWarmup ? "no warm-up" : "in-JVM strategies timed after a warm-up")
            + (repeats > 1 ? "; each strategy run " + repeats + " times, the median shown" : ""));
    return new HtmlReport.Page(
        "fanout "
            + spec.name()
            + ": "
            + String.join(", ", reports.stream().map(WorkloadReport::workload).toList()),
        "fanout " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        "generated " + LocalDateTime.now().withNano(0).toString().replace('T', ' '),
        facts,
        notes,
        cores());
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
