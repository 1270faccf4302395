package dev.fanout.report.html;

import static dev.fanout.report.html.TimingDiagram.AXIS;
import static dev.fanout.report.html.TimingDiagram.MAX_BARS;
import static dev.fanout.report.html.TimingDiagram.MAX_GROUPED_ROWS;
import static dev.fanout.report.html.TimingDiagram.MAX_MARKS;
import static dev.fanout.report.html.TimingDiagram.MAX_ROWS;
import static dev.fanout.report.html.TimingDiagram.SLICES;
import static dev.fanout.report.html.TimingDiagram.TOP;
import static dev.fanout.report.html.TimingDiagram.coldMark;
import static dev.fanout.report.html.TimingDiagram.deviceRule;
import static dev.fanout.report.html.TimingDiagram.failMark;
import static dev.fanout.report.html.TimingDiagram.laneBackground;
import static dev.fanout.report.html.TimingDiagram.laneLabel;
import static dev.fanout.report.html.TimingDiagram.open;
import static dev.fanout.report.html.TimingDiagram.rect;
import static dev.fanout.report.html.TimingDiagram.rowHeight;

import dev.fanout.report.html.Timeline.Bar;
import dev.fanout.report.html.Timeline.Fill;
import dev.fanout.report.html.Timeline.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timing diagram of a run too big for a bar each: each lane's tracks (or a group of them, in at
 * most {@link TimingDiagram#MAX_GROUPED_ROWS} rows) cut into {@link TimingDiagram#SLICES} time
 * slices, each filled in proportion to how busy it was and with what; the first failures, cold
 * starts and throttles are marked.
 */
final class SlicedDiagram {
  private SlicedDiagram() {}

  /** One track of one lane, for the aggregate view. */
  private record Track(String lane, boolean device, List<Bar> bars) {}

  static TimingDiagram.Drawing draw(
      TimingDiagram.Subject subject, Timeline timeline, TimeAxis axis) {
    List<Track> tracks = new ArrayList<>();
    for (Timeline.Lane lane : timeline.lanes()) {
      lane.tracks().forEach(track -> tracks.add(new Track(lane.name(), lane.device(), track)));
    }
    Map<Fill, Integer> fills = new HashMap<>();
    timeline.fills().forEach(fill -> fills.putIfAbsent(fill, fills.size()));
    int perRow =
        (int) Math.ceil(tracks.size() / (double) Math.min(tracks.size(), MAX_GROUPED_ROWS));
    int rows = (int) Math.ceil(tracks.size() / (double) perRow);
    double slice = axis.endMillis() / SLICES;
    double rowHeight = rowHeight(rows);
    double barHeight = rowHeight >= 8 ? rowHeight - 3 : Math.max(1, rowHeight - 1);
    double height = TOP + rows * rowHeight + AXIS;
    StringBuilder svg = open(subject, "aggregate", timeline, height);
    double sliceWidth = axis.width() / SLICES;
    Marks marks = new Marks();
    boolean devices = false;
    for (int row = 0; row < rows; row++) {
      List<Track> members =
          tracks.subList(row * perRow, Math.min(tracks.size(), (row + 1) * perRow));
      double[][] busy = new double[SLICES][fills.size()];
      int bars = 0;
      double y = TOP + row * rowHeight;
      for (Track track : members) {
        for (Bar bar : track.bars()) {
          bars++;
          for (Segment segment : bar.segments()) {
            spread(busy, fills.get(segment.fill()), segment, slice);
          }
          marks.add(bar, row);
        }
      }
      boolean device = members.stream().allMatch(Track::device);
      if (device && !devices && row > 0) {
        deviceRule(svg, y, axis);
      }
      devices |= device;
      String first = members.getFirst().lane();
      String last = members.getLast().lane();
      String label = first.equals(last) ? first : first + " … " + last;
      double capacity = slice * members.size();
      svg.append("<g class=\"lane-group")
          .append(device ? " device" : "")
          .append("\" data-tracks=\"")
          .append(members.size())
          .append("\"><title>")
          .append(
              Html.text(rowSummary(subject, label, members.size(), bars, busy, timeline, capacity)))
          .append("</title>");
      laneBackground(svg, row, device, y, rowHeight, axis);
      laneLabel(svg, label, row, rows, y, rowHeight);
      double top = y + (rowHeight - barHeight) / 2;
      for (int s = 0; s < SLICES; s++) {
        double x = axis.left() + s * sliceWidth;
        for (Fill fill : timeline.fills()) {
          double width = busy[s][fills.get(fill)] / capacity * sliceWidth;
          if (width >= 0.05) {
            rect(svg, fill.cssClass(), x, top, width, barHeight);
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
            "%,d %s on %,d %s are too many to draw a bar each (past %,d bars or %,d tracks):"
                + " %s cut into %d time slices of %s, each filled in proportion to how busy it was"
                + " and with what.",
            timeline.bars(),
            subject.nouns(),
            timeline.lanes().size(),
            subject.laneNoun().apply(timeline.lanes().size()),
            MAX_BARS,
            MAX_ROWS,
            perRow == 1
                ? "each lane (track) is"
                : "tracks are grouped " + perRow + " to a row, and each row is",
            SLICES,
            Html.duration(slice)));
    capNote(notes, marks.failed, "failed " + subject.nouns());
    capNote(notes, marks.cold, "cold starts");
    capNote(notes, marks.throttled, "throttled " + subject.nouns());
    return new TimingDiagram.Drawing(svg.toString(), notes);
  }

  /** Failures, cold starts and throttles in the aggregate view: the first few of each, marked. */
  private static final class Marks {
    private final List<double[]> failedAt = new ArrayList<>();
    private final List<double[]> coldAt = new ArrayList<>();
    private final List<double[]> throttledAt = new ArrayList<>();
    int failed;
    int cold;
    int throttled;

    void add(Bar bar, int row) {
      if (bar.failed() && failed++ < MAX_MARKS) {
        failedAt.add(new double[] {row, bar.endMillis()});
      }
      if (bar.cold() && cold++ < MAX_MARKS) {
        coldAt.add(new double[] {row, bar.startMillis()});
      }
      if (bar.throttled() && throttled++ < MAX_MARKS) {
        throttledAt.add(new double[] {row, bar.startMillis()});
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
  private static void spread(double[][] slices, int fill, Segment segment, double slice) {
    if (segment.millis() <= 0) {
      return;
    }
    int first = Math.max(0, (int) Math.floor(segment.from() / slice));
    int last = Math.min(slices.length - 1, (int) Math.floor(segment.to() / slice));
    for (int s = first; s <= last; s++) {
      double overlap =
          Math.min(segment.to(), (s + 1) * slice) - Math.max(segment.from(), s * slice);
      if (overlap > 0) {
        slices[s][fill] += overlap;
      }
    }
  }

  private static String rowSummary(
      TimingDiagram.Subject subject,
      String label,
      int tracks,
      int bars,
      double[][] slices,
      Timeline timeline,
      double capacity) {
    double[] totals = new double[slices.length == 0 ? 0 : slices[0].length];
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
                "%s: %,d %s on %d track%s, busy %s of the run",
                label,
                bars,
                bars == 1 ? subject.noun() : subject.nouns(),
                tracks,
                tracks == 1 ? "" : "s",
                Html.percent(busy / Math.max(1e-9, capacity * SLICES))));
    for (int f = 0; f < totals.length; f++) {
      if (totals[f] > 0) {
        text.append("\n")
            .append(timeline.fills().get(f).meaning())
            .append(": ")
            .append(Html.duration(totals[f]));
      }
    }
    return text.toString();
  }
}
