package dev.fanout.report.html;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A few series against the task count, both axes logarithmic (a decade ladder is a straight line
 * where time grows in proportion): the forecast's time and its cost.
 */
final class ForecastChart {
  private static final double WIDTH = TimeAxis.WIDTH;
  private static final double HEIGHT = 280;
  private static final double LEFT = 80;
  private static final double RIGHT = WIDTH - 170;
  private static final double TOP = 26;
  private static final double BOTTOM = HEIGHT - 34;

  /** One line of the chart: its label, its colour's class, and its points (tasks, value). */
  record Series(String label, String cssClass, List<double[]> points) {}

  private ForecastChart() {}

  static String draw(
      String kind, String title, List<Series> series, DoubleFunction<String> valueLabel) {
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (Series line : series) {
      for (double[] point : line.points()) {
        minX = Math.min(minX, point[0]);
        maxX = Math.max(maxX, point[0]);
        minY = Math.min(minY, point[1]);
        maxY = Math.max(maxY, point[1]);
      }
    }
    Scale x = Scale.of(minX, maxX, LEFT, RIGHT);
    Scale y = Scale.of(minY, maxY, BOTTOM, TOP);
    StringBuilder svg = new StringBuilder(4096);
    svg.append(
        "<svg class=\"forecast-chart %s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" role=\"img\" aria-label=\"%s\">"
            .formatted(Html.text(kind), Html.px(WIDTH), Html.px(HEIGHT), Html.text(title)));
    svg.append(
        "<text class=\"panel-title\" x=\"%s\" y=\"14\">%s</text>"
            .formatted(Html.px(LEFT), Html.text(title)));
    for (double decade = x.firstDecade(); decade <= x.high; decade *= 10) {
      double at = x.at(decade);
      svg.append(
          "<line class=\"grid\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>"
              .formatted(
                  Html.px(at),
                  Html.px(TOP),
                  Html.px(at),
                  Html.px(BOTTOM),
                  Html.px(at),
                  Html.px(BOTTOM + 16),
                  Html.text(String.format(java.util.Locale.ROOT, "%,.0f", decade))));
    }
    for (double decade = y.firstDecade(); decade <= y.high; decade *= 10) {
      double at = y.at(decade);
      svg.append(
          "<line class=\"grid\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>"
              .formatted(
                  Html.px(LEFT),
                  Html.px(at),
                  Html.px(RIGHT),
                  Html.px(at),
                  Html.px(LEFT - 6),
                  Html.px(at + 4),
                  Html.text(valueLabel.apply(decade))));
    }
    svg.append(
        "<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">tasks</text>"
            .formatted(Html.px((LEFT + RIGHT) / 2), Html.px(HEIGHT - 2)));
    for (int i = 0; i < series.size(); i++) {
      Series line = series.get(i);
      svg.append("<g class=\"series ")
          .append(Html.text(line.cssClass()))
          .append("\" data-series=\"")
          .append(Html.text(line.label()))
          .append("\"><polyline points=\"");
      for (double[] point : line.points()) {
        svg.append(Html.px(x.at(point[0]))).append(',').append(Html.px(y.at(point[1]))).append(' ');
      }
      svg.append("\"/>");
      for (double[] point : line.points()) {
        svg.append(
            "<circle class=\"point\" cx=\"%s\" cy=\"%s\" r=\"4\"><title>%s</title></circle>"
                .formatted(
                    Html.px(x.at(point[0])),
                    Html.px(y.at(point[1])),
                    Html.text(
                        "%s, %,.0f tasks: %s"
                            .formatted(line.label(), point[0], valueLabel.apply(point[1])))));
      }
      svg.append(
          "<text class=\"series-label\" x=\"%s\" y=\"%s\">%s</text></g>"
              .formatted(Html.px(RIGHT + 10), Html.px(TOP + 10 + i * 18), Html.text(line.label())));
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /** A logarithmic axis from {@code low} to {@code high} onto {@code from}..{@code to}. */
  private record Scale(double low, double high, double from, double to) {
    static Scale of(double min, double max, double from, double to) {
      double low = Math.max(1e-9, min);
      double high = Math.max(low, max);
      // a little room at both ends, and some width where every value is the same
      double pad = Math.max(0.1 * Math.log10(high / low), 0.25);
      return new Scale(low / Math.pow(10, pad), high * Math.pow(10, pad), from, to);
    }

    double at(double value) {
      double share = Math.log10(Math.max(value, low) / low) / Math.log10(high / low);
      return from + share * (to - from);
    }

    double firstDecade() {
      return Math.pow(10, Math.ceil(Math.log10(low)));
    }
  }
}
