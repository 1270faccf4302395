package dev.fanout.report.html;

import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.WorkloadReport;
import dev.fanout.report.WorkloadVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one self-contained HTML page: per workload the table, speedup and efficiency
 * against the physical limit, and per strategy the articles' timing diagram and the tasks in flight
 * over time. Inline CSS and SVG only: no script, nothing fetched, so it opens anywhere, offline.
 */
public final class HtmlReport {
  private static final int MAX_LISTED_FAILURES = 20;

  /**
   * What the page says about itself.
   *
   * @param title the page's title, e.g. "fanout compare"
   * @param command the command line that made it
   * @param generated when, as text
   * @param facts lines about the machine and the settings
   * @param notes paragraphs shown before the workloads (e.g. the advisor's reasoning)
   * @param cores the machine's cores, drawn as a line where CPU work is in flight
   */
  public record Page(
      String title,
      String command,
      String generated,
      List<String> facts,
      List<String> notes,
      int cores) {
    public Page {
      facts = List.copyOf(facts);
      notes = List.copyOf(notes);
    }
  }

  private HtmlReport() {}

  public static String render(Page page, List<WorkloadReport> reports) {
    int tasks = 0;
    for (WorkloadReport report : reports) {
      for (RunSummary run : report.runs()) {
        tasks += run.run().tasks().size();
      }
    }
    StringBuilder html = new StringBuilder(16_384 + tasks * 420);
    Map<String, String> sections = new LinkedHashMap<>();
    for (WorkloadReport report : reports) {
      sections.put(anchor(report.workload()), report.workload());
    }
    PageFrame.open(html, page, PageStyle.CSS, sections);
    html.append(PageStyle.LEGEND);
    for (WorkloadReport report : reports) {
      workload(html, report, page.cores());
    }
    PageFrame.close(
        html,
        "Made by fanout. Each timing diagram has its own time axis; the table and the speedup"
            + " bars compare the strategies. Times are since each run began (monotonic clock).");
    return html.toString();
  }

  public static void write(Path file, String html) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report to " + file + ": " + e, e);
    }
  }

  private static void workload(StringBuilder html, WorkloadReport report, int cores) {
    html.append("<section class=\"workload\" id=\"")
        .append(Html.text(anchor(report.workload())))
        .append("\" data-workload=\"")
        .append(Html.text(report.workload()))
        .append("\"><h2>")
        .append(Html.text(report.workload()))
        .append("</h2><p class=\"meta\">")
        .append(report.tasks())
        .append(" tasks · ")
        .append(ConsoleTable.kindName(report.kind()))
        .append(" · ")
        .append(Html.text(report.source()))
        .append("</p>\n");
    WorkloadVerdict.of(report, cores)
        .ifPresent(
            verdict ->
                html.append("<p class=\"verdict\">").append(Html.text(verdict)).append("</p>\n"));
    table(html, report);
    for (String failure : report.failures()) {
      html.append("<p class=\"failure\">").append(Html.text(failure)).append("</p>");
    }
    if (!report.runs().isEmpty()) {
      html.append(SpeedupChart.draw(report.runs())).append('\n');
    }
    for (RunSummary summary : report.runs()) {
      run(html, report, summary, cores);
    }
    html.append("</section>\n");
  }

  private static void table(StringBuilder html, WorkloadReport report) {
    html.append(
        "<table class=\"runs\"><thead><tr><th>strategy</th><th>workers</th><th>in flight</th>"
            + "<th>wall</th><th>speedup</th><th>efficiency</th><th>physical limit</th>"
            + "<th>CPU share</th><th>overhead a task</th><th>ok / failed</th><th>notes</th>"
            + "</tr></thead><tbody>");
    for (RunSummary summary : report.runs()) {
      RunResult run = summary.run();
      html.append("<tr><td><a href=\"#")
          .append(Html.text(anchor(run.workload() + "-" + run.strategy().label())))
          .append("\">")
          .append(Html.text(run.strategy().label()))
          .append("</a></td><td>")
          .append(run.workers())
          .append("</td><td>")
          .append(run.concurrency())
          .append("</td><td>")
          .append(Html.text(Html.duration(run.wallMillis())));
      if (summary.wallSamples().size() > 1) {
        html.append(
            String.format(
                Locale.ROOT,
                " ±%.0f%% <small>(median of %d)</small>",
                summary.spread() * 50,
                summary.wallSamples().size()));
      }
      html.append("</td><td>")
          .append(summary.speedup() == null ? "–" : Html.times(summary.speedup()))
          .append("</td><td>")
          .append(summary.efficiency() == null ? "–" : Html.percent(summary.efficiency()))
          .append("</td><td>")
          .append(
              summary.limitMillis() == null ? "–" : Html.text(Html.duration(summary.limitMillis())))
          .append("</td><td>")
          .append(cpuShare(run))
          .append("</td><td>")
          .append(
              summary.overheadMillisPerTask() == null
                  ? "–"
                  : Html.text(ConsoleTable.perTask(summary.overheadMillisPerTask())))
          .append("</td><td")
          .append(run.failed() > 0 ? " class=\"failure\"" : "")
          .append(">")
          .append(run.ok())
          .append(" / ")
          .append(run.failed())
          .append("</td><td>")
          .append(Html.text(notes(run)))
          .append("</td></tr>");
    }
    html.append("</tbody></table>\n");
  }

  private static void run(
      StringBuilder html, WorkloadReport report, RunSummary summary, int cores) {
    RunResult run = summary.run();
    Timeline timeline = Timeline.of(run);
    TimeAxis axis = TimeAxis.upTo(timeline.endMillis());
    TimingDiagram.Drawing diagram =
        TimingDiagram.draw(TimingDiagram.Subject.tasks(run), timeline, axis);
    html.append("<section class=\"run\" id=\"")
        .append(Html.text(anchor(run.workload() + "-" + run.strategy().label())))
        .append("\" data-workload=\"")
        .append(Html.text(run.workload()))
        .append("\" data-strategy=\"")
        .append(Html.text(run.strategy().label()))
        .append("\"><h3>")
        .append(Html.text(report.workload()))
        .append(" · ")
        .append(Html.text(run.strategy().label()))
        .append(" <span class=\"sub\">wall ")
        .append(Html.text(Html.duration(run.wallMillis())))
        .append(" · ")
        .append(run.ok())
        .append(" ok")
        .append(run.failed() > 0 ? " · " + run.failed() + " failed" : "")
        .append(
            summary.wallSamples().size() > 1
                ? " · the median of " + summary.wallSamples().size() + " runs"
                : "")
        .append("</span></h3>");
    if (run.lambda() != null) {
      LambdaPanel.append(html, run);
    }
    html.append(diagram.svg()).append('\n');
    html.append(
        InFlightChart.draw(
            run, axis, report.kind() == UnitKind.CPU ? Integer.valueOf(cores) : null));
    html.append("<p class=\"caption\">");
    for (String note : diagram.notes()) {
      html.append(Html.text(note)).append(' ');
    }
    html.append("</p>\n");
    failures(html, run);
    html.append("</section>\n");
  }

  private static void failures(StringBuilder html, RunResult run) {
    List<TaskRecord> failed = run.tasks().stream().filter(task -> !task.ok()).toList();
    if (failed.isEmpty()) {
      return;
    }
    html.append("<details class=\"failures\"><summary>")
        .append(failed.size())
        .append(failed.size() == 1 ? " failed task" : " failed tasks")
        .append(
            failed.size() > MAX_LISTED_FAILURES
                ? " (the first " + MAX_LISTED_FAILURES + " listed)"
                : "")
        .append(
            "</summary><table><thead><tr><th>task</th><th>lane</th><th>input</th><th>error</th></tr></thead><tbody>");
    for (TaskRecord task : failed.subList(0, Math.min(MAX_LISTED_FAILURES, failed.size()))) {
      html.append("<tr><td>")
          .append(task.index())
          .append("</td><td>")
          .append(Html.text(task.lane()))
          .append("</td><td><code>")
          .append(Html.text(Html.cut(String.valueOf(task.input()), 200)))
          .append("</code></td><td><b>")
          .append(Html.text(task.error().type()))
          .append("</b>: ")
          .append(Html.text(Html.cut(task.error().message(), 500)))
          .append("</td></tr>");
    }
    html.append("</tbody></table></details>");
  }

  private static String cpuShare(RunResult run) {
    double cpu = 0;
    double wall = 0;
    for (TaskRecord task : run.tasks()) {
      if (task.cpuMillis() != null) {
        cpu += task.cpuMillis();
        wall += task.durationMillis();
      }
    }
    return wall > 0 ? Html.percent(Math.min(1, cpu / wall)) : "not measured";
  }

  private static String notes(RunResult run) {
    StringBuilder notes = new StringBuilder();
    if (!run.startupMillis().isEmpty()) {
      double max = run.startupMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      notes
          .append(run.startupMillis().size())
          .append(" worker JVMs started in up to ")
          .append(Html.duration(max))
          .append(" (not in wall)");
    }
    if (run.lambda() != null) {
      long cold = run.tasks().stream().filter(Timeline::coldStart).count();
      notes
          .append(notes.isEmpty() ? "" : "; ")
          .append(cold)
          .append(" cold starts, ")
          .append(run.lambda().throttles())
          .append(" throttles, ")
          .append(String.format(Locale.ROOT, "est. $%.6f", run.lambda().costUsd()));
    }
    return notes.toString();
  }

  private static String anchor(String name) {
    return PageFrame.anchor(name);
  }
}
