package dev.fanout.report.html;

import dev.fanout.forecast.Forecast;
import dev.fanout.report.ForecastTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forecast's page: per workload, wall time and cost against the task count (this machine's best
 * strategy and Lambda at each memory size), the break-even, then the validation table.
 */
public final class ForecastPage {
  static final String CSS =
      """
      svg.forecast-chart{display:block;width:100%;height:auto;margin:8px 0}
      svg.forecast-chart .grid{stroke:#e3e7ec}svg.forecast-chart .tick{font-size:11px;fill:#5b6675}
      svg.forecast-chart polyline{fill:none;stroke-width:2}
      .series.machine polyline{stroke:#d0453a}.series.machine circle{fill:#d0453a}
      .series.s-0 polyline{stroke:#2f6fd6}.series.s-0 circle{fill:#2f6fd6}
      .series.s-1 polyline{stroke:#f2a33a}.series.s-1 circle{fill:#f2a33a}
      .series.s-2 polyline{stroke:#3a9d5d}.series.s-2 circle{fill:#3a9d5d}
      .series.s-3 polyline{stroke:#7d5fd3}.series.s-3 circle{fill:#7d5fd3}
      .series.s-4 polyline{stroke:#8c6d3f}.series.s-4 circle{fill:#8c6d3f}
      .series-label{font-size:12px}
      .series.machine .series-label{fill:#d0453a}.series.s-0 .series-label{fill:#2f6fd6}
      .series.s-1 .series-label{fill:#f2a33a}.series.s-2 .series-label{fill:#3a9d5d}
      .series.s-3 .series-label{fill:#7d5fd3}.series.s-4 .series-label{fill:#8c6d3f}
      table.forecast td,table.forecast th{padding:3px 8px;text-align:right}
      table.forecast td:first-child,table.forecast th:first-child{text-align:left}
      """;

  private ForecastPage() {}

  public static String render(HtmlReport.Page page, Forecast.Result result) {
    Map<String, String> sections = new LinkedHashMap<>();
    for (Forecast.Prediction prediction : result.predictions()) {
      sections.put(PageFrame.anchor(prediction.workload()), prediction.workload());
    }
    StringBuilder html = new StringBuilder(32_768);
    PageFrame.open(html, page, PageStyle.CSS + CSS, sections);
    for (String workload : sections.values()) {
      workload(html, workload, result);
    }
    if (!result.validation().isEmpty()) {
      validation(html, result.validation());
    }
    PageFrame.close(
        html,
        "Made by fanout. Predictions from a local report's measurements and AWS's documented"
            + " limits and prices; both axes logarithmic. Trust them only as far as the"
            + " validation shows.");
    return html.toString();
  }

  public static void write(Path file, String html) {
    HtmlReport.write(file, html);
  }

  private static void workload(StringBuilder html, String workload, Forecast.Result result) {
    List<Forecast.Prediction> rows =
        result.predictions().stream().filter(p -> p.workload().equals(workload)).toList();
    List<Integer> memories =
        rows.stream()
            .map(Forecast.Prediction::memoryMB)
            .filter(java.util.Objects::nonNull)
            .distinct()
            .toList();
    List<ForecastChart.Series> times = new ArrayList<>();
    List<ForecastChart.Series> costs = new ArrayList<>();
    times.add(new ForecastChart.Series("this machine", "machine", points(rows, null, false)));
    for (int i = 0; i < memories.size(); i++) {
      int memory = memories.get(i);
      String label = "Lambda " + memory + " MB";
      String css = "s-" + Math.min(i, 4);
      times.add(new ForecastChart.Series(label, css, points(rows, memory, false)));
      costs.add(new ForecastChart.Series(label, css, points(rows, memory, true)));
    }
    html.append("<section class=\"forecast\" id=\"")
        .append(Html.text(PageFrame.anchor(workload)))
        .append("\" data-workload=\"")
        .append(Html.text(workload))
        .append("\"><h2>")
        .append(Html.text(workload))
        .append("</h2>");
    result.breakEven().stream()
        .filter(b -> b.workload().equals(workload))
        .forEach(
            b -> html.append("<p class=\"meta\">").append(Html.text(breakEven(b))).append("</p>"));
    html.append(ForecastChart.draw("time", "wall time (a prediction)", times, ForecastTable::span));
    html.append(
        ForecastChart.draw(
            "cost", "Lambda's cost per run (a prediction)", costs, ForecastTable::usd));
    html.append("<table class=\"forecast\"><tr><th>tasks</th><th>target</th><th>strategy</th>")
        .append("<th>memory</th><th>wall</th><th>cost</th></tr>");
    for (Forecast.Prediction p : rows) {
      html.append("<tr><td>")
          .append(String.format(Locale.ROOT, "%,d", p.tasks()))
          .append("</td><td>")
          .append(Html.text(p.target()))
          .append("</td><td>")
          .append(Html.text(p.strategy()))
          .append("</td><td>")
          .append(p.memoryMB() == null ? "" : p.memoryMB() + " MB")
          .append("</td><td>")
          .append(Html.text(ForecastTable.span(p.wallMillis())))
          .append("</td><td>")
          .append(p.costUsd() == null ? "" : Html.text(ForecastTable.usd(p.costUsd())))
          .append("</td></tr>");
    }
    html.append("</table></section>\n");
  }

  private static List<double[]> points(
      List<Forecast.Prediction> rows, Integer memory, boolean cost) {
    return rows.stream()
        .filter(
            p ->
                memory == null
                    ? p.target().equals(Forecast.THIS_MACHINE)
                    : memory.equals(p.memoryMB()))
        .map(p -> new double[] {p.tasks(), cost ? p.costUsd() : p.wallMillis()})
        .toList();
  }

  private static String breakEven(Forecast.BreakEven b) {
    return b.tasks() == null
        ? "Lambda (" + b.memoryMB() + " MB) does not finish first at any task count predicted."
        : String.format(
            Locale.ROOT,
            "Lambda (%d MB) finishes first from about %,d tasks, at %s a run.",
            b.memoryMB(),
            b.tasks(),
            ForecastTable.usd(b.costUsd()));
  }

  private static void validation(StringBuilder html, List<Forecast.Validation> checks) {
    html.append("<section class=\"validation\" id=\"validation\"><h2>Validation</h2>")
        .append("<p class=\"meta\">The same model with the limits the report ran under (the")
        .append(" cores other work left each run, probed around it; the emulation's instances")
        .append(" sharing this machine's cores; the measured cold starts), predicting the")
        .append(" report's own runs. error = predicted / measured - 1.</p>")
        .append("<table class=\"forecast\"><tr><th>workload</th><th>strategy</th>")
        .append("<th>predicted</th><th>measured</th><th>error</th><th>cores</th></tr>");
    for (Forecast.Validation check : checks) {
      html.append("<tr><td>")
          .append(Html.text(check.workload()))
          .append("</td><td>")
          .append(Html.text(check.strategy()))
          .append("</td><td>")
          .append(Html.text(ForecastTable.span(check.predictedMillis())))
          .append("</td><td>")
          .append(Html.text(ForecastTable.span(check.measuredMillis())))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%+.0f%%", check.error() * 100))
          .append("</td><td>")
          .append(check.cores() == null ? "" : String.format(Locale.ROOT, "%.1f", check.cores()))
          .append("</td></tr>");
    }
    html.append("</table></section>\n");
  }
}
