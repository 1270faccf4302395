package dev.fanout.report.html;

import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import java.util.Arrays;

/**
 * Concurrency over time: how many tasks were in flight, on the timing diagram's time axis, with the
 * strategy's own limit (and the cores, for CPU work) drawn as lines.
 */
final class InFlightChart {
  static final int SLICES = 480;
  private static final double HEIGHT = 64;
  private static final double TOP = 10;

  private InFlightChart() {}

  /**
   * The most tasks in flight at once within each of {@code slices} equal slices of the axis: the
   * peak, not the mean, so that a short burst still shows.
   */
  static int[] peaks(RunResult run, double endMillis, int slices) {
    int n = run.tasks().size();
    double[] starts = new double[n];
    double[] ends = new double[n];
    for (int i = 0; i < n; i++) {
      TaskRecord task = run.tasks().get(i);
      starts[i] = task.startMillis();
      ends[i] = Math.max(task.startMillis(), task.endMillis());
    }
    Arrays.sort(starts);
    Arrays.sort(ends);
    int[] peaks = new int[slices];
    double slice = endMillis / slices;
    int inFlight = 0;
    int s = 0;
    int e = 0;
    for (int k = 0; k < slices; k++) {
      double sliceStart = k * slice;
      double sliceEnd = (k + 1) * slice;
      int peak = 0;
      boolean atStart = true;
      // Ends before starts at the same instant: a pool that hands a finished task's slot to the
      // next one never has both in flight. What happens at the slice's very start counts in it.
      while (s < n || e < n) {
        boolean endNext = e < n && (s >= n || ends[e] <= starts[s]);
        double at = endNext ? ends[e] : starts[s];
        if (atStart && at > sliceStart) {
          peak = Math.max(peak, inFlight);
          atStart = false;
        }
        if (at >= sliceEnd && k < slices - 1) {
          break;
        }
        if (endNext) {
          inFlight--;
          e++;
        } else {
          inFlight++;
          s++;
          peak = Math.max(peak, inFlight);
        }
      }
      peaks[k] = Math.max(peak, inFlight);
    }
    return peaks;
  }

  static String draw(RunResult run, TimeAxis axis, Integer cores) {
    int[] peaks = peaks(run, axis.endMillis(), SLICES);
    int max = Arrays.stream(peaks).max().orElse(0);
    int limit = run.concurrency();
    double scale = Math.max(1, Math.max(max, limit <= 2 * Math.max(1, max) ? limit : 0));
    if (cores != null && cores <= 2 * Math.max(1, max)) {
      scale = Math.max(scale, cores);
    }
    double bottom = TOP + HEIGHT;
    StringBuilder svg = new StringBuilder(8192);
    svg.append(
        "<svg class=\"inflight\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" data-max=\"%d\" role=\"img\" aria-label=\"tasks in flight over time\">"
            .formatted(Html.px(TimeAxis.WIDTH), Html.px(bottom + 26), max));
    svg.append(
        "<text class=\"lane-label\" x=\"%s\" y=\"%s\">in flight</text><text class=\"lane-label\" x=\"%s\" y=\"%s\">max %d</text>"
            .formatted(
                Html.px(axis.left() - 6),
                Html.px(TOP + HEIGHT / 2),
                Html.px(axis.left() - 6),
                Html.px(TOP + HEIGHT / 2 + 13),
                max));
    StringBuilder path = new StringBuilder();
    path.append("M").append(Html.px(axis.left())).append(' ').append(Html.px(bottom));
    double sliceWidth = axis.width() / SLICES;
    for (int k = 0; k < SLICES; k++) {
      double y = bottom - peaks[k] / scale * HEIGHT;
      // Absolute x: relative steps would add up each one's rounding across the width.
      path.append("V")
          .append(Html.px(y))
          .append("H")
          .append(Html.px(axis.left() + (k + 1) * sliceWidth));
    }
    path.append("V").append(Html.px(bottom)).append("Z");
    svg.append("<path class=\"inflight-area\" d=\"").append(path).append("\"/>");
    if (limit <= scale) {
      limitLine(
          svg,
          axis,
          bottom - limit / scale * HEIGHT,
          run.strategy().inFlightLimit(limit),
          "limit-workers");
    }
    if (cores != null && cores <= scale && cores != limit) {
      // Labelled at the left, so that it never sits on the limit's label when the two are close.
      limitLine(svg, axis, bottom - cores / scale * HEIGHT, cores + " cores", "limit-cores");
    }
    axis.draw(svg, bottom + 2);
    svg.append("</svg>");
    return svg.toString();
  }

  private static void limitLine(
      StringBuilder svg, TimeAxis axis, double y, String label, String cssClass) {
    boolean left = cssClass.equals("limit-cores");
    svg.append(
        "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text class=\"%s\" x=\"%s\" y=\"%s\">%s</text>"
            .formatted(
                cssClass,
                Html.px(axis.left()),
                Html.px(y),
                Html.px(axis.right()),
                Html.px(y),
                left ? "limit-label-left" : "limit-label",
                Html.px(left ? axis.left() + 4 : axis.right() - 2),
                Html.px(y - 3),
                Html.text(label)));
  }
}
