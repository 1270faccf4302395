package dev.fanout.report.html;

import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.QueueTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts over a menu's run, under its lanes and on their time axis: every trace it carries (each
 * queue's depth; for Lambda, the instances alive) as a step chart with its capacity drawn when it
 * has one, and the things in use of any shelf stocked at the start (the clean bowls).
 */
final class TraceChart {
  /** Past twice this many changes a trace is drawn as its peak per slice of the axis. */
  static final int SLICES = 480;

  private static final double TOP = 8;
  private static final double ROW = 36;
  private static final double GAP = 12;

  /** A count from {@code atMillis} (since the doors opened) until the next step. */
  record Step(double atMillis, int value) {}

  /**
   * One count over the run.
   *
   * @param capacity its bound, 0 for none
   */
  record Trace(String name, int capacity, List<Step> steps) {
    int max() {
      return steps.stream().mapToInt(Step::value).max().orElse(0);
    }
  }

  private TraceChart() {}

  /**
   * The run's traces in its own order, each stocked shelf followed by its things in use. A shelf is
   * a queue called "clean X" where the run has a fact "X", the stock: bowls in use are the bowls
   * less the clean ones, which is what bounds the salad bar.
   */
  static List<Trace> of(MenuRun run) {
    List<Trace> traces = new ArrayList<>();
    for (QueueTrace queue : run.queues()) {
      List<Step> steps = new ArrayList<>(queue.samples().size());
      for (QueueTrace.Sample sample : queue.samples()) {
        steps.add(new Step(MenuTimeline.millis(run, sample.nanos()), sample.depth()));
      }
      traces.add(new Trace(queue.queue(), queue.capacity(), List.copyOf(steps)));
      if (queue.queue().startsWith("clean ")) {
        String things = queue.queue().substring("clean ".length());
        Long stock = run.facts().get(things);
        if (stock != null) {
          traces.add(inUse(things, stock.intValue(), queue.maxDepth(), steps));
        }
      }
    }
    return traces;
  }

  /** The stock less the shelf, from when the shelf was first full (stocked); none in use before. */
  private static Trace inUse(String things, int stock, int full, List<Step> shelf) {
    List<Step> steps = new ArrayList<>(shelf.size());
    boolean stocked = false;
    for (Step step : shelf) {
      stocked |= step.value() == full;
      steps.add(new Step(step.atMillis(), stocked ? stock - step.value() : 0));
    }
    return new Trace(things + " in use", stock, List.copyOf(steps));
  }

  /** The traces as one SVG of a row each, on {@code axis}; empty when there are none. */
  static String draw(List<Trace> traces, TimeAxis axis) {
    if (traces.isEmpty()) {
      return "";
    }
    double height = TOP + traces.size() * (ROW + GAP) + 26;
    StringBuilder svg = new StringBuilder(2048 + traces.size() * 4096);
    svg.append(
        "<svg class=\"traces\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" role=\"img\" aria-label=\"queues and counts over time\">"
            .formatted(Html.px(TimeAxis.WIDTH), Html.px(height)));
    for (int row = 0; row < traces.size(); row++) {
      row(svg, traces.get(row), TOP + row * (ROW + GAP) + GAP, axis);
    }
    axis.draw(svg, TOP + traces.size() * (ROW + GAP) + 2);
    svg.append("</svg>");
    return svg.toString();
  }

  private static void row(StringBuilder svg, Trace trace, double top, TimeAxis axis) {
    int max = trace.max();
    double scale = Math.max(1, Math.max(max, trace.capacity()));
    double bottom = top + ROW;
    svg.append("<g class=\"trace\" data-trace=\"")
        .append(Html.text(trace.name()))
        .append("\" data-max=\"")
        .append(max)
        .append("\" data-capacity=\"")
        .append(trace.capacity())
        .append("\">");
    svg.append(
        "<text class=\"lane-label\" x=\"%s\" y=\"%s\">%s</text><text class=\"lane-label trace-max\" x=\"%s\" y=\"%s\">max %d</text>"
            .formatted(
                Html.px(axis.left() - 6),
                Html.px(top + ROW / 2),
                Html.text(Html.cut(trace.name(), 16)),
                Html.px(axis.left() - 6),
                Html.px(top + ROW / 2 + 12),
                max));
    svg.append(
        "<line class=\"trace-base\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
            .formatted(
                Html.px(axis.left()), Html.px(bottom), Html.px(axis.right()), Html.px(bottom)));
    StringBuilder path = new StringBuilder();
    path.append("M").append(Html.px(axis.left())).append(' ').append(Html.px(bottom));
    if (trace.steps().size() > 2 * SLICES) {
      int[] peaks = peaks(trace.steps(), axis.endMillis(), SLICES);
      double sliceWidth = axis.width() / SLICES;
      for (int k = 0; k < SLICES; k++) {
        // Absolute x: relative steps would add up each one's rounding across the width.
        path.append("V")
            .append(Html.px(bottom - peaks[k] / scale * ROW))
            .append("H")
            .append(Html.px(axis.left() + (k + 1) * sliceWidth));
      }
    } else {
      for (Step step : trace.steps()) {
        path.append("H")
            .append(Html.px(axis.x(step.atMillis())))
            .append("V")
            .append(Html.px(bottom - step.value() / scale * ROW));
      }
      path.append("H").append(Html.px(axis.right()));
    }
    path.append("V").append(Html.px(bottom)).append("Z");
    svg.append("<path class=\"trace-area\" d=\"")
        .append(path)
        .append("\"><title>")
        .append(Html.text(summary(trace)))
        .append("</title></path>");
    if (trace.capacity() > 0) {
      double y = bottom - trace.capacity() / scale * ROW;
      svg.append(
          "<line class=\"capacity-line\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><text class=\"limit-label\" x=\"%s\" y=\"%s\">capacity %d</text>"
              .formatted(
                  Html.px(axis.left()),
                  Html.px(y),
                  Html.px(axis.right()),
                  Html.px(y),
                  Html.px(axis.right() - 2),
                  Html.px(y - 3),
                  trace.capacity()));
    }
    svg.append("</g>");
  }

  /**
   * The most a trace counted within each of {@code slices} equal slices of the axis: the peak, not
   * the mean, so that a queue that filled for an instant still shows it.
   */
  static int[] peaks(List<Step> steps, double endMillis, int slices) {
    int[] peaks = new int[slices];
    double slice = Math.max(endMillis, 1e-9) / slices;
    int current = 0;
    int k = 0;
    for (Step step : steps) {
      int at = (int) Math.max(0, Math.min(slices - 1, Math.floor(step.atMillis() / slice)));
      for (; k < at; k++) {
        peaks[k] = Math.max(peaks[k], current);
      }
      peaks[at] = Math.max(peaks[at], Math.max(current, step.value()));
      current = step.value();
    }
    for (; k < slices; k++) {
      peaks[k] = Math.max(peaks[k], current);
    }
    return peaks;
  }

  private static String summary(Trace trace) {
    return String.format(
        Locale.ROOT,
        "%s: at most %d%s; %,d changes",
        trace.name(),
        trace.max(),
        trace.capacity() > 0 ? " of " + trace.capacity() : "",
        trace.steps().size());
  }
}
