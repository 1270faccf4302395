package dev.fanout.report.html;

/**
 * The time axis shared by a run's timing diagram and its in-flight chart: 0 to the run's end,
 * mapped onto the plot's width.
 */
record TimeAxis(double endMillis, double left, double width) {
  static final double WIDTH = 960;
  static final double LEFT = 112;
  static final double RIGHT = 18;

  static TimeAxis upTo(double endMillis) {
    return new TimeAxis(Math.max(endMillis, 1e-3), LEFT, WIDTH - LEFT - RIGHT);
  }

  double x(double millis) {
    return left + Math.max(0, Math.min(millis, endMillis)) / endMillis * width;
  }

  double right() {
    return left + width;
  }

  /**
   * Tick marks and labels along a horizontal line at {@code y}, at 1, 2 or 5 times a power of 10.
   */
  void draw(StringBuilder svg, double y) {
    double step = niceStep(endMillis / 6);
    svg.append("<g class=\"axis\">");
    svg.append(
        "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
            .formatted(Html.px(left), Html.px(y), Html.px(right()), Html.px(y)));
    for (double t = 0; t <= endMillis * 1.0001; t += step) {
      double x = x(t);
      svg.append(
          "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text x=\"%s\" y=\"%s\">%s</text>"
              .formatted(
                  Html.px(x),
                  Html.px(y),
                  Html.px(x),
                  Html.px(y + 4),
                  Html.px(x),
                  Html.px(y + 15),
                  t == 0 ? "0" : Html.text(Html.duration(t))));
    }
    svg.append("</g>");
  }

  static double niceStep(double rough) {
    if (rough <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }
}
