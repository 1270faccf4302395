package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.html.Timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seeds' timing diagram of one run as SVG: one lane per thread, worker JVM or Lambda instance,
 * one bar per task, blue for CPU time and red for waiting. Past {@link #MAX_BARS} tasks or {@link
 * #MAX_ROWS} tracks a bar per task would be unreadable and heavy, so the tracks are drawn as
 * occupancy in time slices instead, grouped into at most {@link #MAX_GROUPED_ROWS} rows; the
 * diagram's notes say so.
 */
final class TimingDiagram {
  static final int MAX_BARS = 2000;
  static final int MAX_ROWS = 200;
  static final int MAX_GROUPED_ROWS = 60;
  static final int SLICES = 200;
  static final int MAX_MARKS = 300;
  private static final double TOP = 8;
  private static final double AXIS = 26;
  private static final double PLOT_HEIGHT = 440;

  /** The SVG and what a reader must know to read it. */
  record Drawing(String svg, List<String> notes) {}

  private TimingDiagram() {}

  static Drawing draw(RunResult run, Timeline timeline, TimeAxis axis) {
    boolean aggregate = run.tasks().size() > MAX_BARS || timeline.tracks() > MAX_ROWS;
    return aggregate ? aggregate(run, timeline, axis) : bars(run, timeline, axis);
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

  /** One track of one lane, for the aggregate view. */
  private record Track(String lane, List<TaskRecord> tasks) {}

  private static Drawing aggregate(RunResult run, Timeline timeline, TimeAxis axis) {
    List<Track> tracks = new ArrayList<>();
    for (Timeline.Lane lane : timeline.lanes()) {
      lane.tracks().forEach(track -> tracks.add(new Track(lane.name(), track)));
    }
    int perRow =
        (int) Math.ceil(tracks.size() / (double) Math.min(tracks.size(), MAX_GROUPED_ROWS));
    int rows = (int) Math.ceil(tracks.size() / (double) perRow);
    double slice = axis.endMillis() / SLICES;
    double rowHeight = rowHeight(rows);
    double barHeight = rowHeight >= 8 ? rowHeight - 3 : Math.max(1, rowHeight - 1);
    double height = TOP + rows * rowHeight + AXIS;
    StringBuilder svg = open(run, "aggregate", timeline.lanes().size(), height);
    double sliceWidth = axis.width() / SLICES;
    Marks marks = new Marks();
    for (int row = 0; row < rows; row++) {
      List<Track> members =
          tracks.subList(row * perRow, Math.min(tracks.size(), (row + 1) * perRow));
      double[][] busy = new double[SLICES][Part.values().length];
      int tasks = 0;
      double y = TOP + row * rowHeight;
      for (Track track : members) {
        for (TaskRecord task : track.tasks()) {
          tasks++;
          for (Segment segment : Timeline.segments(task)) {
            spread(busy, segment, slice);
          }
          marks.add(task, row);
        }
      }
      String first = members.getFirst().lane();
      String last = members.getLast().lane();
      String label = first.equals(last) ? first : first + " … " + last;
      double capacity = slice * members.size();
      svg.append("<g class=\"lane-group\" data-tracks=\"")
          .append(members.size())
          .append("\"><title>")
          .append(Html.text(rowSummary(label, members.size(), tasks, busy, capacity)))
          .append("</title>");
      laneBackground(svg, row, y, rowHeight, axis);
      laneLabel(svg, label, row, rows, y, rowHeight);
      double top = y + (rowHeight - barHeight) / 2;
      for (int s = 0; s < SLICES; s++) {
        double x = axis.left() + s * sliceWidth;
        for (Part part : Part.values()) {
          double width = busy[s][part.ordinal()] / capacity * sliceWidth;
          if (width >= 0.05) {
            rect(svg, part.cssClass, x, top, width, barHeight);
            x += width;
          }
        }
      }
      svg.append("</g>");
    }
    marks.draw(svg, axis, rowHeight);
    axis.draw(svg, TOP + rows * rowHeight + 2);
    svg.append("</svg>");
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "%,d tasks on %,d %s are too many to draw a bar each (past %,d bars or %,d tracks):"
                + " %s cut into %d time slices of %s, each filled in proportion to how busy it was"
                + " and with what.",
            run.tasks().size(),
            timeline.lanes().size(),
            run.strategy().laneNoun(timeline.lanes().size()),
            MAX_BARS,
            MAX_ROWS,
            perRow == 1
                ? "each lane (track) is"
                : "tracks are grouped " + perRow + " to a row, and each row is",
            SLICES,
            Html.duration(slice)));
    capNote(notes, marks.failed, "failed tasks");
    capNote(notes, marks.cold, "cold starts");
    capNote(notes, marks.throttled, "throttled tasks");
    return new Drawing(svg.toString(), notes);
  }

  /** Failures, cold starts and throttles in the aggregate view: the first few of each, marked. */
  private static final class Marks {
    private final List<double[]> failedAt = new ArrayList<>();
    private final List<double[]> coldAt = new ArrayList<>();
    private final List<double[]> throttledAt = new ArrayList<>();
    int failed;
    int cold;
    int throttled;

    void add(TaskRecord task, int row) {
      if (!task.ok() && failed++ < MAX_MARKS) {
        failedAt.add(new double[] {row, task.endMillis()});
      }
      if (Timeline.coldStart(task) && cold++ < MAX_MARKS) {
        coldAt.add(new double[] {row, task.startMillis()});
      }
      if (Timeline.throttled(task) && throttled++ < MAX_MARKS) {
        throttledAt.add(new double[] {row, task.startMillis()});
      }
    }

    void draw(StringBuilder svg, TimeAxis axis, double rowHeight) {
      for (double[] mark : coldAt) {
        coldMark(svg, axis.x(mark[1]), TOP + mark[0] * rowHeight, Math.min(5, rowHeight / 2 + 1));
      }
      for (double[] mark : throttledAt) {
        svg.append(
            "<circle class=\"mark-throttled\" cx=\"%s\" cy=\"%s\" r=\"%s\"/>"
                .formatted(
                    Html.px(axis.x(mark[1])),
                    Html.px(TOP + mark[0] * rowHeight + rowHeight / 2),
                    Html.px(Math.min(3, rowHeight / 2))));
      }
      for (double[] mark : failedAt) {
        failMark(
            svg,
            axis.x(mark[1]),
            TOP + mark[0] * rowHeight + rowHeight / 2,
            Math.min(4, rowHeight / 2));
      }
    }
  }

  private static void capNote(List<String> notes, int count, String what) {
    if (count > MAX_MARKS) {
      notes.add(
          String.format(Locale.ROOT, "%,d %s: the first %d are marked.", count, what, MAX_MARKS));
    }
  }

  /** Adds a segment's time to the slices it overlaps. */
  private static void spread(double[][] slices, Segment segment, double slice) {
    if (segment.millis() <= 0) {
      return;
    }
    int first = Math.max(0, (int) Math.floor(segment.from() / slice));
    int last = Math.min(slices.length - 1, (int) Math.floor(segment.to() / slice));
    for (int s = first; s <= last; s++) {
      double overlap =
          Math.min(segment.to(), (s + 1) * slice) - Math.max(segment.from(), s * slice);
      if (overlap > 0) {
        slices[s][segment.part().ordinal()] += overlap;
      }
    }
  }

  private static String rowSummary(
      String label, int tracks, int tasks, double[][] slices, double capacity) {
    double[] totals = new double[Part.values().length];
    for (double[] slice : slices) {
      for (int p = 0; p < totals.length; p++) {
        totals[p] += slice[p];
      }
    }
    double busy = 0;
    for (double total : totals) {
      busy += total;
    }
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %,d tasks on %d track%s, busy %s of the run",
                label,
                tasks,
                tracks,
                tracks == 1 ? "" : "s",
                Html.percent(busy / Math.max(1e-9, capacity * SLICES))));
    for (Part part : Part.values()) {
      if (totals[part.ordinal()] > 0) {
        text.append("\n")
            .append(part.meaning)
            .append(": ")
            .append(Html.duration(totals[part.ordinal()]));
      }
    }
    return text.toString();
  }

  private static StringBuilder open(RunResult run, String mode, int lanes, double height) {
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

  private static void laneBackground(
      StringBuilder svg, int row, double y, double height, TimeAxis axis) {
    if (row % 2 == 0) {
      svg.append(
          "<rect class=\"lane-bg\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>"
              .formatted(Html.px(axis.left()), Html.px(y), Html.px(axis.width()), Html.px(height)));
    }
  }

  private static void laneLabel(
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

  private static void rect(
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

  private static void failMark(StringBuilder svg, double x, double y, double r) {
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

  private static void coldMark(StringBuilder svg, double x, double top, double size) {
    double s = Math.max(2, size);
    svg.append(
        "<path class=\"mark-cold\" d=\"M%s %sl%s -%sh-%sz\"/>"
            .formatted(Html.px(x), Html.px(top + 0.5), Html.px(s), Html.px(s), Html.px(2 * s)));
  }

  private static double rowHeight(int rows) {
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
