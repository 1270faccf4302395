package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.html.Timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The articles' timing diagram of one run as SVG: one lane per thread, worker JVM or Lambda
 * instance, one bar per task, blue for CPU time and red for waiting. Past {@link #MAX_BARS} tasks
 * or {@link #MAX_ROWS} tracks a bar per task would be unreadable and heavy, so the tracks are drawn
 * as occupancy in time slices instead ({@link SlicedDiagram}), grouped into at most {@link
 * #MAX_GROUPED_ROWS} rows; the diagram's notes say so. The drawing primitives here serve both.
 */
final class TimingDiagram {
  static final int MAX_BARS = 2000;
  static final int MAX_ROWS = 200;
  static final int MAX_GROUPED_ROWS = 60;
  static final int SLICES = 200;
  static final int MAX_MARKS = 300;
  static final double TOP = 8;
  static final double AXIS = 26;
  static final double PLOT_HEIGHT = 440;

  /** The SVG and what a reader must know to read it. */
  record Drawing(String svg, List<String> notes) {}

  private TimingDiagram() {}

  static Drawing draw(RunResult run, Timeline timeline, TimeAxis axis) {
    boolean aggregate = run.tasks().size() > MAX_BARS || timeline.tracks() > MAX_ROWS;
    return aggregate ? SlicedDiagram.draw(run, timeline, axis) : bars(run, timeline, axis);
  }

  private static Drawing bars(RunResult run, Timeline timeline, TimeAxis axis) {
    int rows = timeline.tracks();
    double trackHeight = rowHeight(rows);
    double height = TOP + rows * trackHeight + AXIS;
    StringBuilder svg = open(run, "bars", timeline.lanes().size(), height);
    int row = 0;
    for (int l = 0; l < timeline.lanes().size(); l++) {
      Timeline.Lane lane = timeline.lanes().get(l);
      double y = TOP + row * trackHeight;
      double laneHeight = lane.tracks().size() * trackHeight;
      svg.append("<g class=\"lane\" data-lane=\"")
          .append(Html.text(lane.name()))
          .append("\" data-tracks=\"")
          .append(lane.tracks().size())
          .append("\">");
      laneBackground(svg, l, y, laneHeight, axis);
      laneLabel(svg, lane.name(), l, timeline.lanes().size(), y, laneHeight);
      for (List<TaskRecord> track : lane.tracks()) {
        for (TaskRecord task : track) {
          bar(svg, task, TOP + row * trackHeight, trackHeight, axis);
        }
        row++;
      }
      svg.append("</g>");
    }
    if (timeline.lanes().size() > 1 && rows * trackHeight / timeline.lanes().size() < 9) {
      svg.append(
          "<text class=\"lane-count\" x=\"%s\" y=\"%s\">%d lanes</text>"
              .formatted(
                  Html.px(axis.left() - 6),
                  Html.px(TOP + rows * trackHeight / 2 + 4),
                  timeline.lanes().size()));
    }
    axis.draw(svg, TOP + rows * trackHeight + 2);
    svg.append("</svg>");
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d tasks on %d %s, one bar each%s; hover a bar for its task.",
            run.tasks().size(),
            timeline.lanes().size(),
            run.strategy().laneNoun(timeline.lanes().size()),
            rows > timeline.lanes().size()
                ? " (a lane with several tasks in flight at once shows them on tracks of its own,"
                    + " up to "
                    + rows
                    + ")"
                : ""));
    return new Drawing(svg.toString(), notes);
  }

  private static void bar(
      StringBuilder svg, TaskRecord task, double y, double laneHeight, TimeAxis axis) {
    double barHeight = laneHeight >= 8 ? laneHeight - 4 : Math.max(1, laneHeight - 1);
    double top = y + (laneHeight - barHeight) / 2;
    String classes =
        "task"
            + (task.ok() ? "" : " failed")
            + (Timeline.throttled(task) ? " throttled" : "")
            + (Timeline.coldStart(task) ? " cold" : "");
    svg.append("<g class=\"")
        .append(classes)
        .append("\" data-index=\"")
        .append(task.index())
        .append("\"><title>")
        .append(Html.text(describe(task)))
        .append("</title>");
    List<Segment> segments = Timeline.segments(task);
    double x0 = axis.x(task.startMillis());
    double x1 = axis.x(task.endMillis());
    if (x1 - x0 < 1) {
      // Too short to show its parts: one pixel in the colour of its largest part.
      Segment largest = segments.get(0);
      for (Segment segment : segments) {
        if (segment.millis() > largest.millis()) {
          largest = segment;
        }
      }
      rect(svg, largest.part().cssClass, x0, top, 1, barHeight);
      x1 = x0 + 1;
    } else {
      for (Segment segment : segments) {
        double from = axis.x(segment.from());
        double width = axis.x(segment.to()) - from;
        if (width >= 0.05) {
          rect(svg, segment.part().cssClass, from, top, width, barHeight);
        }
      }
    }
    if (Timeline.throttled(task)) {
      rect(svg, "outline-throttled", x0, top, x1 - x0, barHeight);
    }
    if (!task.ok()) {
      rect(svg, "outline-failed", x0, top, x1 - x0, barHeight);
      failMark(svg, x1, top + barHeight / 2, Math.min(4, laneHeight / 2));
    }
    if (Timeline.coldStart(task)) {
      double initStart =
          segments.stream()
              .filter(segment -> segment.part() == Part.INIT)
              .mapToDouble(Segment::from)
              .findFirst()
              .orElse(task.startMillis());
      coldMark(svg, axis.x(initStart), top, Math.min(5, laneHeight / 2 + 1));
    }
    svg.append("</g>");
  }

  static StringBuilder open(RunResult run, String mode, int lanes, double height) {
    StringBuilder svg = new StringBuilder(4096 + run.tasks().size() * 360);
    svg.append("<svg class=\"timing\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(Html.px(TimeAxis.WIDTH))
        .append(' ')
        .append(Html.px(height))
        .append("\" data-mode=\"")
        .append(mode)
        .append("\" data-lanes=\"")
        .append(lanes)
        .append("\" data-tasks=\"")
        .append(run.tasks().size())
        .append("\" role=\"img\" aria-label=\"")
        .append(
            Html.text("timing diagram of " + run.workload() + " under " + run.strategy().label()))
        .append("\">");
    return svg;
  }

  static void laneBackground(StringBuilder svg, int row, double y, double height, TimeAxis axis) {
    if (row % 2 == 0) {
      svg.append(
          "<rect class=\"lane-bg\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>"
              .formatted(Html.px(axis.left()), Html.px(y), Html.px(axis.width()), Html.px(height)));
    }
  }

  static void laneLabel(
      StringBuilder svg, String lane, int row, int rows, double y, double height) {
    boolean room = height >= 9;
    if (room || row == 0 || row == rows - 1) {
      svg.append(
          "<text class=\"lane-label\" x=\"%s\" y=\"%s\">%s</text>"
              .formatted(
                  Html.px(TimeAxis.LEFT - 6),
                  Html.px(y + height / 2 + (room ? 4 : 3)),
                  Html.text(Html.cut(lane, 16))));
    }
  }

  static void rect(
      StringBuilder svg, String cssClass, double x, double y, double width, double height) {
    svg.append("<rect class=\"")
        .append(cssClass)
        .append("\" x=\"")
        .append(Html.px(x))
        .append("\" y=\"")
        .append(Html.px(y))
        .append("\" width=\"")
        .append(Html.px(width))
        .append("\" height=\"")
        .append(Html.px(height))
        .append("\"/>");
  }

  static void failMark(StringBuilder svg, double x, double y, double r) {
    double size = Math.max(1.5, r);
    svg.append(
        "<path class=\"mark-failed\" d=\"M%s %sl%s %sm0 -%sl-%s %s\"/>"
            .formatted(
                Html.px(x - size),
                Html.px(y - size),
                Html.px(2 * size),
                Html.px(2 * size),
                Html.px(2 * size),
                Html.px(2 * size),
                Html.px(2 * size)));
  }

  static void coldMark(StringBuilder svg, double x, double top, double size) {
    double s = Math.max(2, size);
    svg.append(
        "<path class=\"mark-cold\" d=\"M%s %sl%s -%sh-%sz\"/>"
            .formatted(Html.px(x), Html.px(top + 0.5), Html.px(s), Html.px(s), Html.px(2 * s)));
  }

  static double rowHeight(int rows) {
    return Math.max(3, Math.min(20, Math.floor(PLOT_HEIGHT / Math.max(1, rows))));
  }

  /** The tooltip of a task's bar: what it was, when and where it ran, what came of it. */
  static String describe(TaskRecord task) {
    StringBuilder text = new StringBuilder();
    text.append("task ")
        .append(task.index())
        .append(" on ")
        .append(task.lane())
        .append("\ninput ")
        .append(Html.cut(String.valueOf(task.input()), 200))
        .append(
            String.format(
                Locale.ROOT,
                "\n%s → %s: %s",
                Html.duration(task.startMillis()),
                Html.duration(task.endMillis()),
                Html.duration(task.durationMillis())));
    if (task.cpuMillis() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "\nCPU %s (%s), waiting %s",
              Html.duration(task.cpuMillis()),
              Html.percent(task.cpuMillis() / Math.max(1e-9, task.durationMillis())),
              Html.duration(Math.max(0, task.durationMillis() - task.cpuMillis()))));
    } else if (task.lambda() == null) {
      text.append("\nCPU time not measurable here");
    }
    LambdaFacts lambda = task.lambda();
    if (lambda != null) {
      text.append("\nround trip ").append(Html.duration(task.durationMillis()));
      if (lambda.durationMillis() != null) {
        text.append(", handler ").append(Html.duration(lambda.durationMillis()));
      }
      if (lambda.coldStart()) {
        text.append("\ncold start")
            .append(
                lambda.initMillis() == null ? "" : ", init " + Html.duration(lambda.initMillis()));
      }
      if (lambda.billedMillis() != null) {
        text.append("\nbilled ").append(Html.duration(lambda.billedMillis()));
      }
      if (lambda.maxMemoryMB() != null) {
        text.append(", max memory ")
            .append(lambda.maxMemoryMB())
            .append(" of ")
            .append(lambda.memorySizeMB())
            .append(" MB");
      }
      if (lambda.attempts() > 1) {
        text.append("\nthrottled: ").append(lambda.attempts() - 1).append(" retries");
      }
      text.append("\nrequest ").append(lambda.requestId());
    }
    if (task.ok()) {
      text.append("\noutput ").append(Html.cut(String.valueOf(task.output()), 200));
    } else {
      text.append("\nFAILED ")
          .append(task.error().type())
          .append(": ")
          .append(Html.cut(task.error().message(), 300));
    }
    return text.toString();
  }
}
