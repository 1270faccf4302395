package dev.fanout.report.html;

import dev.fanout.measure.RunSummary;
import java.util.List;

/**
 * One workload's strategies side by side: speedup over sequential and efficiency, each with the
 * physical limit drawn (the speedup a run would have at the limit; 100% efficiency). Without a
 * sequential run there is no speedup, and wall times are drawn against the limit instead.
 */
final class SpeedupChart {
  private static final double ROW = 24;
  private static final double TOP = 30;
  private static final double LABEL = 100;
  private static final double LEFT_END = 590;

  /** Room right of the longest bar for its figures. */
  private static final double FIGURES = 150;

  private static final double RIGHT_START = 640;
  private static final double RIGHT_END = 900;

  private SpeedupChart() {}

  static String draw(List<RunSummary> runs) {
    boolean speedups = runs.stream().allMatch(run -> run.speedup() != null);
    double max = 0;
    for (RunSummary run : runs) {
      max = Math.max(max, Math.max(first(run, speedups), limit(run, speedups)));
    }
    max = Math.max(max, speedups ? 1 : 1e-3);
    double height = TOP + runs.size() * ROW + 8;
    double svgHeight = height + 14;
    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        "<svg class=\"speedup\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" role=\"img\" aria-label=\"speedup and efficiency per strategy\">"
            .formatted(Html.px(TimeAxis.WIDTH), Html.px(svgHeight)));
    svg.append(
        "<text class=\"panel-title\" x=\"%s\" y=\"14\">%s</text><text class=\"panel-title\" x=\"%s\" y=\"14\">efficiency: physical limit / wall time</text>"
            .formatted(
                Html.px(LABEL + 10),
                speedups
                    ? "speedup over sequential; dashed: at the physical limit"
                    : "wall time; dashed: the physical limit",
                Html.px(RIGHT_START)));
    double leftWidth = LEFT_END - LABEL - 10 - FIGURES;
    double rightWidth = RIGHT_END - RIGHT_START;
    double hundred = rightWidth / 1.25;
    for (int i = 0; i < runs.size(); i++) {
      RunSummary run = runs.get(i);
      double y = TOP + i * ROW;
      svg.append("<g class=\"speedup-row\" data-strategy=\"")
          .append(Html.text(run.run().strategy().label()))
          .append("\">");
      svg.append(
          "<text class=\"lane-label\" x=\"%s\" y=\"%s\">%s</text>"
              .formatted(Html.px(LABEL), Html.px(y + 14), Html.text(run.run().strategy().label())));
      double value = first(run, speedups);
      double width = value / max * leftWidth;
      svg.append(
          "<rect class=\"bar-speedup\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"16\"><title>%s</title></rect>"
              .formatted(
                  Html.px(LABEL + 10),
                  Html.px(y + 2),
                  Html.px(Math.max(1, width)),
                  Html.text(tooltip(run))));
      if (run.efficiency() == null) {
        // No limit is known: the bar alone, and a dash where the efficiency would be.
        svg.append(
            "<text class=\"value\" x=\"%s\" y=\"%s\">%s</text><text class=\"value\" x=\"%s\" y=\"%s\">– (no limit measured)</text></g>"
                .formatted(
                    Html.px(LABEL + 14 + width),
                    Html.px(y + 14),
                    Html.text(speedups ? Html.times(value) : Html.duration(value)),
                    Html.px(RIGHT_START),
                    Html.px(y + 14)));
        continue;
      }
      double limitX = LABEL + 10 + limit(run, speedups) / max * leftWidth;
      svg.append(
          "<line class=\"limit-tick\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
              .formatted(Html.px(limitX), Html.px(y), Html.px(limitX), Html.px(y + 20)));
      svg.append(
          "<text class=\"value\" x=\"%s\" y=\"%s\">%s</text>"
              .formatted(
                  Html.px(LABEL + 14 + Math.max(width, limitX - LABEL - 10)),
                  Html.px(y + 14),
                  Html.text(
                      speedups
                          ? Html.times(value) + " (limit " + Html.times(limit(run, speedups)) + ")"
                          : Html.duration(value)
                              + " (limit "
                              + Html.duration(run.limitMillis())
                              + ")")));
      double efficiency = Math.min(1.25, run.efficiency());
      svg.append(
          "<rect class=\"bar-efficiency\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"16\"><title>%s</title></rect><text class=\"value\" x=\"%s\" y=\"%s\">%s</text>"
              .formatted(
                  Html.px(RIGHT_START),
                  Html.px(y + 2),
                  Html.px(Math.max(1, efficiency * hundred)),
                  Html.text(tooltip(run)),
                  Html.px(RIGHT_START + Math.max(efficiency, 1) * hundred + 4),
                  Html.px(y + 14),
                  Html.percent(run.efficiency())));
      svg.append("</g>");
    }
    if (speedups) {
      double oneX = LABEL + 10 + 1 / max * leftWidth;
      svg.append(
          "<line class=\"one-x\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
              .formatted(Html.px(oneX), Html.px(TOP - 4), Html.px(oneX), Html.px(height - 6)));
    }
    double limitX = RIGHT_START + hundred;
    svg.append(
        "<line class=\"limit-line\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text class=\"limit-label\" x=\"%s\" y=\"%s\">limit</text>"
            .formatted(
                Html.px(limitX),
                Html.px(TOP - 4),
                Html.px(limitX),
                Html.px(height - 6),
                Html.px(limitX - 2),
                Html.px(height - 8 + 12)));
    svg.append("</svg>");
    return svg.toString();
  }

  /** The bar's value: the speedup, or the wall time without a sequential run. */
  private static double first(RunSummary run, boolean speedups) {
    return speedups ? run.speedup() : run.run().wallMillis();
  }

  /**
   * Where the limit falls on the same scale: speedup at the limit, or the limit's wall time; the
   * bar's own value when no limit is known.
   */
  private static double limit(RunSummary run, boolean speedups) {
    if (run.efficiency() == null) {
      return first(run, speedups);
    }
    return speedups ? run.speedup() / Math.max(1e-9, run.efficiency()) : run.limitMillis();
  }

  private static String tooltip(RunSummary run) {
    return "%s: wall %s, physical limit %s, efficiency %s%s"
        .formatted(
            run.run().strategy().label(),
            Html.duration(run.run().wallMillis()),
            run.limitMillis() == null ? "unknown" : Html.duration(run.limitMillis()),
            run.efficiency() == null ? "–" : Html.percent(run.efficiency()),
            run.speedup() == null ? "" : ", speedup " + Html.times(run.speedup()));
  }
}
