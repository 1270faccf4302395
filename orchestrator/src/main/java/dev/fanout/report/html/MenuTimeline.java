package dev.fanout.report.html;

import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.Span;
import dev.fanout.report.LaneNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A menu's run as a timeline: a lane per worker that did its work (a thread, the event loop, a
 * worker JVM, a Lambda instance) and, apart, a lane per device position (the grill's); a bar per
 * piece of work, coloured by its stage. Stages keep one colour across a menu's runs.
 */
final class MenuTimeline {
  /** Colours for stages, in the order stages come; more stages than this reuse them. */
  static final int PALETTE = 8;

  /** A stage and its colour. */
  record StageFill(String cssClass, String meaning) implements Timeline.Fill {}

  private MenuTimeline() {}

  /**
   * The stages of a menu's runs, each with its colour: in the order their first pieces of work
   * ended (take order, cook, make burger), which is the pipeline's order whatever started first.
   */
  static List<StageFill> stages(List<MenuRun> runs) {
    Map<String, StageFill> fills = new LinkedHashMap<>();
    for (MenuRun run : runs) {
      Map<String, Long> firstEnd = new HashMap<>();
      for (Span span : run.spans()) {
        firstEnd.merge(span.stage(), span.endNanos(), Math::min);
      }
      firstEnd.entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .forEach(
              stage ->
                  fills.computeIfAbsent(
                      stage.getKey(),
                      name -> new StageFill("stage-" + fills.size() % PALETTE, name)));
    }
    return List.copyOf(fills.values());
  }

  /**
   * The run laid out: workers first, each by the earliest stage it worked at and then by its name's
   * numbers (salad maker 2 before salad maker 10); the devices last, by their numbers.
   */
  static Timeline of(MenuRun run, List<StageFill> stages) {
    Map<String, StageFill> fillOf = new HashMap<>();
    Map<String, Integer> rankOf = new HashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      fillOf.put(stages.get(i).meaning(), stages.get(i));
      rankOf.put(stages.get(i).meaning(), i);
    }
    Map<String, Integer> laneRank = new HashMap<>();
    List<Timeline.Bar> bars = new ArrayList<>(run.spans().size());
    for (Span span : run.spans()) {
      StageFill fill =
          fillOf.getOrDefault(span.stage(), new StageFill("stage-other", span.stage()));
      double start = millis(run, span.startNanos());
      double end = Math.max(start, millis(run, span.endNanos()));
      laneRank.merge(span.lane(), rankOf.getOrDefault(span.stage(), stages.size()), Math::min);
      bars.add(
          new Timeline.Bar(
              span.lane(),
              start,
              end,
              List.of(new Timeline.Segment(fill, start, end)),
              !span.ok(),
              false,
              false,
              Map.of("stage", span.stage(), "number", Integer.toString(number(span))),
              () -> describe(run, span)));
    }
    Comparator<String> order =
        Comparator.<String, Boolean>comparing(MenuFigures::isDevice)
            .thenComparing(lane -> laneRank.getOrDefault(lane, Integer.MAX_VALUE))
            .thenComparing(LaneNames.NATURAL);
    double end = run.wallMillis();
    for (OrderOutcome outcome : run.outcomes()) {
      end = Math.max(end, millis(run, outcome.doneNanos()));
    }
    return Timeline.layout(bars, order, MenuFigures::isDevice, end, List.copyOf(stages));
  }

  /** What a diagram of the run calls its bars and lanes. */
  static TimingDiagram.Subject subject(MenuRun run) {
    return new TimingDiagram.Subject(
        "the work of " + run.menu() + " under " + run.strategy().label(),
        "work",
        "piece of work",
        "pieces of work",
        lanes -> lanes == 1 ? "lane" : "lanes");
  }

  /** Ms since the doors opened. */
  static double millis(MenuRun run, long nanos) {
    return (nanos - run.startNanos()) / 1e6;
  }

  /** The order, patty or bowl a piece of work was for. */
  static int number(Span span) {
    return span.number();
  }

  /** A bar's tooltip: what the work was, who did it, when, and why it failed. */
  static String describe(MenuRun run, Span span) {
    double start = millis(run, span.startNanos());
    double end = millis(run, span.endNanos());
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s #%d on %s\n%s → %s: %s",
                span.stage(),
                number(span),
                span.lane(),
                Html.duration(start),
                Html.duration(end),
                Html.duration(end - start)));
    if (MenuFigures.isDevice(span.lane())) {
      text.append("\na device (the grill): it works on its own, no worker is busy with it");
    }
    if (!span.ok()) {
      text.append("\nFAILED ").append(Html.cut(span.error(), 300));
    }
    return text.toString();
  }
}
