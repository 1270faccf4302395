package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.html.Timeline.Bar;
import dev.fanout.report.html.Timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The articles' timing diagram of one run as SVG: one lane per thread, worker JVM, Lambda instance
 * or grill position, one bar per task or piece of work, coloured by what it was doing. Past {@link
 * #MAX_BARS} bars or {@link #MAX_ROWS} tracks a bar each would be unreadable and heavy, so the
 * tracks are drawn as occupancy in time slices instead ({@link SlicedDiagram}), grouped into at
 * most {@link #MAX_GROUPED_ROWS} rows; the diagram's notes say so. The drawing primitives here
 * serve both.
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

  /**
   * What a diagram draws, in the words of its label and notes.
   *
   * @param label what the diagram is, for screen readers
   * @param barClass the CSS class of each bar's group
   * @param noun one bar's thing, e.g. "task"
   * @param nouns the plural, e.g. "tasks"
   * @param laneNoun what a lane is, by how many there are: "thread", "worker JVMs"
   */
  record Subject(
      String label, String barClass, String noun, String nouns, IntFunction<String> laneNoun) {
    /** A comparison's run: a bar per task. */
    static Subject tasks(RunResult run) {
      return new Subject(
          "timing diagram of " + run.workload() + " under " + run.strategy().label(),
          "task",
          "task",
          "tasks",
          run.strategy()::laneNoun);
    }
  }

  private TimingDiagram() {}

  static Drawing draw(Subject subject, Timeline timeline, TimeAxis axis) {
    boolean aggregate = timeline.bars() > MAX_BARS || timeline.tracks() > MAX_ROWS;
    return aggregate ? SlicedDiagram.draw(subject, timeline, axis) : bars(subject, timeline, axis);
  }

  private static Drawing bars(Subject subject, Timeline timeline, TimeAxis axis) {
    int rows = timeline.tracks();
    double trackHeight = rowHeight(rows);
    double height = TOP + rows * trackHeight + AXIS;
    StringBuilder svg = open(subject, "bars", timeline, height);
    int row = 0;
    boolean devices = false;
    for (int l = 0; l < timeline.lanes().size(); l++) {
      Timeline.Lane lane = timeline.lanes().get(l);
      double y = TOP + row * trackHeight;
      double laneHeight = lane.tracks().size() * trackHeight;
      if (lane.device() && !devices && l > 0) {
        deviceRule(svg, y, axis);
      }
      devices |= lane.device();
      svg.append("<g class=\"lane")
          .append(lane.device() ? " device" : "")
          .append("\" data-lane=\"")
          .append(Html.text(lane.name()))
          .append("\" data-tracks=\"")
          .append(lane.tracks().size())
          .append("\">");
      laneBackground(svg, l, lane.device(), y, laneHeight, axis);
      laneLabel(svg, lane.name(), l, timeline.lanes().size(), y, laneHeight);
      for (List<Bar> track : lane.tracks()) {
        for (Bar bar : track) {
          bar(svg, subject, bar, TOP + row * trackHeight, trackHeight, axis);
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
            "%d %s on %d %s, one bar each%s; hover a bar for its %s.",
            timeline.bars(),
            subject.nouns(),
            timeline.lanes().size(),
            subject.laneNoun().apply(timeline.lanes().size()),
            rows > timeline.lanes().size()
                ? " (a lane with several "
                    + subject.nouns()
                    + " in flight at once shows them on tracks of its own, up to "
                    + rows
                    + ")"
                : "",
            subject.noun()));
    return new Drawing(svg.toString(), notes);
  }

  private static void bar(
      StringBuilder svg, Subject subject, Bar bar, double y, double laneHeight, TimeAxis axis) {
    double barHeight = laneHeight >= 8 ? laneHeight - 4 : Math.max(1, laneHeight - 1);
    double top = y + (laneHeight - barHeight) / 2;
    svg.append("<g class=\"")
        .append(subject.barClass())
        .append(bar.failed() ? " failed" : "")
        .append(bar.throttled() ? " throttled" : "")
        .append(bar.cold() ? " cold" : "")
        .append('"');
    for (Map.Entry<String, String> data : bar.data().entrySet()) {
      svg.append(" data-")
          .append(data.getKey())
          .append("=\"")
          .append(Html.text(data.getValue()))
          .append('"');
    }
    svg.append("><title>").append(Html.text(bar.title().get())).append("</title>");
    List<Segment> segments = bar.segments();
    double x0 = axis.x(bar.startMillis());
    double x1 = axis.x(bar.endMillis());
    if (x1 - x0 < 1) {
      // Too short to show its parts: one pixel in the colour of its largest part.
      Segment largest = segments.get(0);
      for (Segment segment : segments) {
        if (segment.millis() > largest.millis()) {
          largest = segment;
        }
      }
      rect(svg, largest.fill().cssClass(), x0, top, 1, barHeight);
      x1 = x0 + 1;
    } else {
      for (Segment segment : segments) {
        double from = axis.x(segment.from());
        double width = axis.x(segment.to()) - from;
        if (width >= 0.05) {
          rect(svg, segment.fill().cssClass(), from, top, width, barHeight);
        }
      }
    }
    if (bar.throttled()) {
      rect(svg, "outline-throttled", x0, top, x1 - x0, barHeight);
    }
    if (bar.failed()) {
      rect(svg, "outline-failed", x0, top, x1 - x0, barHeight);
      failMark(svg, x1, top + barHeight / 2, Math.min(4, laneHeight / 2));
    }
    if (bar.cold()) {
      double initStart =
          segments.stream()
              .filter(segment -> segment.fill() == Part.INIT)
              .mapToDouble(Segment::from)
              .findFirst()
              .orElse(bar.startMillis());
      coldMark(svg, axis.x(initStart), top, Math.min(5, laneHeight / 2 + 1));
    }
    svg.append("</g>");
  }

  static StringBuilder open(Subject subject, String mode, Timeline timeline, double height) {
    StringBuilder svg = new StringBuilder(4096 + timeline.bars() * 360);
    svg.append("<svg class=\"timing\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(Html.px(TimeAxis.WIDTH))
        .append(' ')
        .append(Html.px(height))
        .append("\" data-mode=\"")
        .append(mode)
        .append("\" data-lanes=\"")
        .append(timeline.lanes().size())
        .append("\" data-bars=\"")
        .append(timeline.bars())
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.text(subject.label()))
        .append("\">");
    return svg;
  }

  /** A line between a run's workers and its devices (the grill), which work on their own. */
  static void deviceRule(StringBuilder svg, double y, TimeAxis axis) {
    svg.append(
        "<line class=\"device-rule\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
            .formatted(Html.px(6), Html.px(y), Html.px(axis.right()), Html.px(y)));
  }

  /** Every other worker lane shaded, to follow a lane across; every device lane tinted. */
  static void laneBackground(
      StringBuilder svg, int row, boolean device, double y, double height, TimeAxis axis) {
    if (device || row % 2 == 0) {
      svg.append(
          "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>"
              .formatted(
                  device ? "lane-bg device-bg" : "lane-bg",
                  Html.px(axis.left()),
                  Html.px(y),
                  Html.px(axis.width()),
                  Html.px(height)));
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
