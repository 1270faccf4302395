package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.WorkloadReport;
import dev.fanout.units.UnitKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * The comparison as one self-contained HTML page: per workload the table, speedup and efficiency
 * against the physical limit, and per strategy the seeds' timing diagram and the tasks in flight
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
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.text(page.title()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    html.append(DEFS);
    html.append("<header><h1>").append(Html.text(page.title())).append("</h1>");
    html.append("<p class=\"meta\"><code>")
        .append(Html.text(page.command()))
        .append("</code> · ")
        .append(Html.text(page.generated()))
        .append("</p><ul class=\"facts\">");
    for (String fact : page.facts()) {
      html.append("<li>").append(Html.text(fact)).append("</li>");
    }
    html.append("</ul>");
    if (reports.size() > 1) {
      html.append("<nav>");
      for (WorkloadReport report : reports) {
        html.append("<a href=\"#")
            .append(Html.text(anchor(report.workload())))
            .append("\">")
            .append(Html.text(report.workload()))
            .append("</a> ");
      }
      html.append("</nav>");
    }
    html.append("</header>\n");
    for (String note : page.notes()) {
      html.append("<pre class=\"note\">").append(Html.text(note)).append("</pre>\n");
    }
    html.append(LEGEND);
    for (WorkloadReport report : reports) {
      workload(html, report, page.cores());
    }
    html.append(
        "<footer>Made by fanout. Each timing diagram has its own time axis; the table and the"
            + " speedup bars compare the strategies. Times are since each run began (monotonic"
            + " clock).</footer>\n</body></html>\n");
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
            + "<th>CPU share</th><th>ok / failed</th><th>notes</th></tr></thead><tbody>");
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
          .append(Html.percent(summary.efficiency()))
          .append("</td><td>")
          .append(Html.text(Html.duration(summary.limitMillis())))
          .append("</td><td>")
          .append(cpuShare(run))
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
    TimingDiagram.Drawing diagram = TimingDiagram.draw(run, timeline, axis);
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
      lambda(html, run);
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

  private static void lambda(StringBuilder html, RunResult run) {
    RunResult.LambdaRun lambda = run.lambda();
    List<LambdaFacts> facts =
        run.tasks().stream().map(TaskRecord::lambda).filter(Objects::nonNull).toList();
    List<LambdaFacts> cold = facts.stream().filter(LambdaFacts::coldStart).toList();
    double initSum = values(cold, LambdaFacts::initMillis).sum();
    double initMax = values(cold, LambdaFacts::initMillis).max().orElse(0);
    double billed = values(facts, LambdaFacts::billedMillis).sum();
    double handler = values(facts, LambdaFacts::durationMillis).sum();
    double roundTrips =
        run.tasks().stream()
            .filter(t -> t.lambda() != null)
            .mapToDouble(TaskRecord::durationMillis)
            .sum();
    long throttledTasks = facts.stream().filter(f -> f.attempts() > 1).count();
    long maxMemory = Math.round(values(facts, LambdaFacts::maxMemoryMB).max().orElse(0));
    long memorySize = Math.round(values(facts, LambdaFacts::memorySizeMB).max().orElse(0));
    String target = lambda.target();
    String badge =
        target.startsWith("local emulation")
            ? "<span class=\"badge badge-local\">local emulation, not AWS</span> "
            : target.startsWith("AWS Lambda")
                ? "<span class=\"badge badge-remote\">AWS</span> "
                : "<span class=\"badge badge-local\">Lambda endpoint</span> ";
    boolean local = target.startsWith("local emulation");
    html.append("<div class=\"lambda\"><p>")
        .append(badge)
        .append(Html.text(target))
        .append("</p><dl>");
    item(html, "invocations", facts.size() + " of " + run.tasks().size() + " tasks answered");
    item(
        html,
        "cold starts",
        cold.isEmpty()
            ? "0"
            : cold.size()
                + " (init "
                + Html.duration(initSum / cold.size())
                + " mean, "
                + Html.duration(initMax)
                + " max)");
    item(
        html,
        "handler / round trip",
        facts.isEmpty()
            ? "–"
            : Html.duration(handler / facts.size())
                + " / "
                + Html.duration(roundTrips / facts.size())
                + " mean");
    item(html, "billed", Html.duration(billed) + " in all");
    item(html, "memory", maxMemory + " MB used at most, of " + memorySize + " MB");
    item(html, "throttled", throttledTasks + " tasks, " + lambda.throttles() + " retries (429)");
    item(html, "estimated cost", String.format(Locale.ROOT, "$%.6f", lambda.costUsd()));
    html.append("</dl><p class=\"caption\">")
        .append(
            local
                ? "The instances are child JVMs on this machine, sharing its cores: times show"
                    + " the model, not AWS's speed. Billed time and cost are what AWS would charge"
                    + " for the reported durations."
                : "Billed time and cost are estimated from the REPORT lines at on-demand prices.")
        .append("</p></div>");
  }

  /** A REPORT-line field over the invocations that reported it. */
  private static DoubleStream values(List<LambdaFacts> facts, Function<LambdaFacts, Number> field) {
    return facts.stream().map(field).filter(Objects::nonNull).mapToDouble(Number::doubleValue);
  }

  private static void item(StringBuilder html, String term, String value) {
    html.append("<dt>")
        .append(Html.text(term))
        .append("</dt><dd>")
        .append(Html.text(value))
        .append("</dd>");
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
    return "w-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** Patterns every diagram refers to, defined once for the page. */
  private static final String DEFS =
      "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>"
          + "<pattern id=\"hatch-handler\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
          + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#9dbcf0\"/>"
          + "<rect width=\"3\" height=\"6\" fill=\"#2f6fd6\"/></pattern>"
          + "<pattern id=\"hatch-unmeasured\" width=\"6\" height=\"6\""
          + " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\""
          + " height=\"6\" fill=\"#d5d9de\"/><rect width=\"3\" height=\"6\" fill=\"#8c96a3\"/>"
          + "</pattern></defs></svg>\n";

  private static final String LEGEND =
      "<section class=\"legend\"><h2>How to read the diagrams</h2><ul>"
          + swatch("c-cpu", Part.CPU.meaning + " (blue, as in the seeds)")
          + swatch("c-wait", Part.WAIT.meaning + " (red, as in the seeds)")
          + swatch("c-unmeasured", Part.UNMEASURED.meaning)
          + swatch("c-handler", Part.HANDLER.meaning)
          + swatch("c-init", Part.INIT.meaning)
          + "<li><svg viewBox=\"0 0 18 12\"><path class=\"mark-cold\" d=\"M9 1l5 5h-10z\"/></svg>"
          + " a cold start: a new Lambda instance</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"c-handler\" x=\"1\" y=\"2\" width=\"16\""
          + " height=\"8\"/><rect class=\"outline-throttled\" x=\"1\" y=\"2\" width=\"16\""
          + " height=\"8\"/></svg> throttled (429) and retried</li>"
          + "<li><svg viewBox=\"0 0 18 12\"><rect class=\"c-wait\" x=\"1\" y=\"2\" width=\"12\""
          + " height=\"8\"/><rect class=\"outline-failed\" x=\"1\" y=\"2\" width=\"12\" height=\"8\"/>"
          + "<path class=\"mark-failed\" d=\"M10 3l6 6m0 -6l-6 6\"/></svg> failed</li>"
          + "</ul><p>One lane per thread, worker JVM or Lambda instance; one bar per task, from"
          + " its start to its end. Only a task's CPU <em>share</em> is measured, not when it ran,"
          + " so blue is drawn first. On more threads than cores, waiting includes waiting for a"
          + " core. Under each diagram: tasks in flight over time, with the strategy's limit.</p>"
          + "</section>\n";

  private static String swatch(String cssClass, String meaning) {
    return "<li><svg viewBox=\"0 0 18 12\"><rect class=\""
        + cssClass
        + "\" x=\"1\" y=\"2\" width=\"16\" height=\"8\"/></svg> "
        + Html.text(meaning)
        + "</li>";
  }

  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;\
      color:#1d232b;background:#fff;margin:0 auto;max-width:1100px;padding:16px 24px}
      h1{font-size:24px;margin:8px 0}h2{font-size:20px;margin:28px 0 4px;border-top:2px solid #e3e7ec;\
      padding-top:14px}h3{font-size:15px;margin:18px 0 4px}
      .meta,.sub,.caption,footer{color:#5b6675}.sub{font-weight:normal;font-size:13px}
      .facts{margin:4px 0;padding-left:18px;color:#3b4552}nav a{margin-right:10px}
      code{font:12px ui-monospace,"DejaVu Sans Mono",monospace;background:#f3f5f8;padding:1px 4px}
      pre.note{background:#f6f8fb;border-left:4px solid #2f6fd6;padding:10px 12px;white-space:pre-wrap}
      table{border-collapse:collapse;margin:8px 0;font-size:13px}
      th,td{border-bottom:1px solid #e3e7ec;padding:3px 8px;text-align:right;vertical-align:top;\
      white-space:nowrap}td:last-child{white-space:normal}
      th:first-child,td:first-child,td:last-child,th:last-child{text-align:left}
      .failure{color:#b3261e}
      svg.timing,svg.inflight,svg.speedup{display:block;width:100%;height:auto}
      svg.defs{position:absolute}
      svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#3b4552}
      .lane-label,.lane-count{text-anchor:end}.limit-label{text-anchor:end;fill:#5b6675}.limit-label-left{fill:#2f6fd6}
      .panel-title{font-weight:600}.value{fill:#1d232b}
      .lane-bg{fill:#f4f6f9}
      .c-cpu{fill:#2f6fd6}.c-wait{fill:#e04b3f}.c-init{fill:#f2a33a}
      .c-handler{fill:url(#hatch-handler)}.c-unmeasured{fill:url(#hatch-unmeasured)}
      .outline-failed{fill:none;stroke:#111;stroke-width:1.4}
      .outline-throttled{fill:none;stroke:#ff8f00;stroke-width:1.4;stroke-dasharray:3 2}
      .mark-failed{stroke:#111;stroke-width:1.6;fill:none}.mark-cold{fill:#0b2e59}
      .mark-throttled{fill:#ff8f00}
      .axis line{stroke:#8c96a3}.axis text{text-anchor:middle}
      .inflight-area{fill:#7d5fd3;opacity:.75}
      .limit-workers,.limit-cores{stroke-width:1.2;stroke-dasharray:5 3}
      .limit-workers{stroke:#1d232b}.limit-cores{stroke:#2f6fd6}
      .bar-speedup{fill:#2f6fd6}.bar-efficiency{fill:#3a9d5d}
      .limit-tick{stroke:#1d232b;stroke-width:2;stroke-dasharray:3 2}
      .limit-line{stroke:#1d232b;stroke-width:1.5;stroke-dasharray:4 3}.one-x{stroke:#8c96a3}
      .legend ul{list-style:none;padding:0;columns:2}.legend li{margin:2px 0}
      .legend svg{width:22px;height:14px;vertical-align:middle}
      .lambda{background:#fbf7ee;border:1px solid #f0e2bf;padding:6px 12px;margin:6px 0}
      .lambda dl{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:4px 0}
      .lambda dt{color:#5b6675}.lambda dd{margin:0}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
      .badge-local{background:#f2a33a;color:#2b1a00}.badge-remote{background:#2f6fd6;color:#fff}
      details.failures{margin:6px 0}details.failures td{text-align:left}
      footer{margin:32px 0 8px;font-size:12px}
      """;
}
