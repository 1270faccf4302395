package dev.fanout.report.html;

import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.OrderOutcome;
import java.util.List;
import java.util.Locale;

/**
 * How long a run's customers waited, from arriving to being served: a histogram of its served
 * orders' latencies with the p50, p95 and max of its figures marked. Its own axis, 0 to the max: a
 * fixed number of bins, whatever the number of orders.
 */
final class LatencyChart {
  static final int BINS = 30;
  private static final double LABELS = 44;
  private static final double PLOT = 56;

  private LatencyChart() {}

  static String draw(MenuFigures figures) {
    List<Double> millis =
        figures.run().outcomes().stream()
            .filter(OrderOutcome::served)
            .map(outcome -> (outcome.doneNanos() - outcome.arrivalNanos()) / 1e6)
            .sorted()
            .toList();
    MenuFigures.Latency latency = figures.latencyMillis();
    double bottom = LABELS + PLOT;
    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        "<svg class=\"latency\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" data-served=\"%d\" role=\"img\" aria-label=\"%s\">"
            .formatted(
                Html.px(TimeAxis.WIDTH),
                Html.px(bottom + 26),
                millis.size(),
                Html.text(
                    "latency of the orders of "
                        + figures.run().menu()
                        + " under "
                        + figures.run().strategy().label())));
    TimeAxis axis = TimeAxis.upTo(millis.isEmpty() ? 1 : millis.getLast());
    svg.append(
        "<text class=\"lane-label\" x=\"%s\" y=\"%s\">latency</text><text class=\"lane-label trace-max\" x=\"%s\" y=\"%s\">%d served</text>"
            .formatted(
                Html.px(axis.left() - 6),
                Html.px(LABELS + PLOT / 2),
                Html.px(axis.left() - 6),
                Html.px(LABELS + PLOT / 2 + 12),
                millis.size()));
    if (millis.isEmpty()) {
      svg.append(
          "<text class=\"empty\" x=\"%s\" y=\"%s\">no order was served</text>"
              .formatted(Html.px(axis.left() + 8), Html.px(LABELS + PLOT / 2)));
    } else {
      bins(svg, millis, axis, bottom);
      mark(svg, axis, "p50", latency.p50(), 0);
      mark(svg, axis, "p95", latency.p95(), 1);
      mark(svg, axis, "max", latency.max(), 2);
    }
    axis.draw(svg, bottom + 2);
    svg.append("</svg>");
    return svg.toString();
  }

  private static void bins(StringBuilder svg, List<Double> sorted, TimeAxis axis, double bottom) {
    double width = axis.endMillis() / BINS;
    int[] counts = new int[BINS];
    for (double value : sorted) {
      counts[(int) Math.min(BINS - 1, Math.floor(value / width))]++;
    }
    int most = 1;
    for (int count : counts) {
      most = Math.max(most, count);
    }
    double binWidth = axis.width() / BINS;
    for (int b = 0; b < BINS; b++) {
      if (counts[b] == 0) {
        continue;
      }
      double height = Math.max(1, counts[b] / (double) most * PLOT);
      svg.append("<rect class=\"latency-bin\" x=\"")
          .append(Html.px(axis.left() + b * binWidth + 0.5))
          .append("\" y=\"")
          .append(Html.px(bottom - height))
          .append("\" width=\"")
          .append(Html.px(Math.max(0.5, binWidth - 1)))
          .append("\" height=\"")
          .append(Html.px(height))
          .append("\"><title>")
          .append(
              Html.text(
                  String.format(
                      Locale.ROOT,
                      "%s to %s: %d %s",
                      Html.duration(b * width),
                      Html.duration((b + 1) * width),
                      counts[b],
                      counts[b] == 1 ? "order" : "orders")))
          .append("</title></rect>");
    }
  }

  /** A percentile's line, labelled on a row of its own above the bins so labels never overlap. */
  private static void mark(StringBuilder svg, TimeAxis axis, String name, double millis, int row) {
    double x = axis.x(millis);
    double y = 12 + row * 14;
    boolean flip = x > axis.right() - 110;
    svg.append(
        "<g class=\"percentile\" data-mark=\"%s\" data-millis=\"%s\"><line class=\"pct-line\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text class=\"%s\" x=\"%s\" y=\"%s\">%s %s</text></g>"
            .formatted(
                name,
                String.format(Locale.ROOT, "%.3f", millis),
                Html.px(x),
                Html.px(y + 3),
                Html.px(x),
                Html.px(LABELS + PLOT),
                flip ? "pct-label pct-label-end" : "pct-label",
                Html.px(flip ? x - 4 : x + 4),
                Html.px(y + 4),
                name,
                Html.text(Html.duration(millis))));
  }
}
