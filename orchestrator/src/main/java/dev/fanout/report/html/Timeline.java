package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.LaneNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bars laid out for a timing diagram: its lanes (threads, worker JVMs, Lambda instances, a grill's
 * positions), each bar on a track of its lane. A lane that runs one thing at a time has one track;
 * a lane that holds many in flight at once (the event loop) has as many tracks as it had in flight,
 * so that no bar hides another. The bars are a comparison's tasks ({@link #of(RunResult)}) or a
 * pipeline's pieces of work.
 *
 * @param fills what the bars' stretches may stand for, in the order a legend and the aggregate view
 *     list them
 */
record Timeline(List<Lane> lanes, double endMillis, List<Fill> fills) {

  /** How a stretch of a bar is drawn and what it stands for: a task's part, a pipeline's stage. */
  interface Fill {
    String cssClass();

    String meaning();
  }

  /**
   * One lane and its tracks; every bar of a track ends before the next one starts.
   *
   * @param device whether the lane is a device that works on its own (a grill's position) rather
   *     than a worker: drawn apart
   */
  record Lane(String name, List<List<Bar>> tracks, boolean device) {
    int bars() {
      return tracks.stream().mapToInt(List::size).sum();
    }
  }

  /**
   * One bar: a task, or a piece of a pipeline's work, in ms since the run began.
   *
   * @param data attributes that identify it on the page, by name without {@code data-}
   * @param title its tooltip, made only when the bar is drawn as a bar
   */
  record Bar(
      String lane,
      double startMillis,
      double endMillis,
      List<Segment> segments,
      boolean failed,
      boolean cold,
      boolean throttled,
      Map<String, String> data,
      Supplier<String> title) {}

  /** A stretch of a bar, in ms since the run began. */
  record Segment(Fill fill, double from, double to) {
    double millis() {
      return to - from;
    }
  }

  int tracks() {
    return lanes.stream().mapToInt(lane -> lane.tracks().size()).sum();
  }

  int bars() {
    return lanes.stream().mapToInt(Lane::bars).sum();
  }

  /**
   * Lays {@code bars} out: lanes in first-start order, then sorted by {@code laneOrder} (which may
   * call lanes equal to keep that order); each bar on the first track of its lane free by its
   * start.
   *
   * @param endMillis the run's end; a bar that ends later stretches the axis to it
   */
  static Timeline layout(
      List<Bar> bars,
      Comparator<String> laneOrder,
      Predicate<String> device,
      double endMillis,
      List<Fill> fills) {
    Map<String, List<Bar>> byLane = new LinkedHashMap<>();
    bars.stream()
        .sorted(Comparator.comparingDouble(Bar::startMillis))
        .forEach(bar -> byLane.computeIfAbsent(bar.lane(), lane -> new ArrayList<>()).add(bar));
    List<String> names = new ArrayList<>(byLane.keySet());
    names.sort(laneOrder);
    List<Lane> lanes = new ArrayList<>(names.size());
    for (String name : names) {
      lanes.add(new Lane(name, tracks(byLane.get(name)), device.test(name)));
    }
    double end = endMillis;
    // Every fill a bar uses has a place in the list, once, whatever the caller named.
    Set<Fill> used = new LinkedHashSet<>(fills);
    for (Bar bar : bars) {
      end = Math.max(end, bar.endMillis());
      bar.segments().forEach(segment -> used.add(segment.fill()));
    }
    return new Timeline(List.copyOf(lanes), end, List.copyOf(used));
  }

  /**
   * A comparison's run: lanes in the order of their names' numbers (thread-1, thread-2, ..
   * thread-10; virtual-41 before virtual-69), as in every report. Tasks that ran on no lane (a
   * Lambda call that never reached an instance) come last.
   */
  static Timeline of(RunResult run) {
    List<Bar> bars = new ArrayList<>(run.tasks().size());
    for (TaskRecord task : run.tasks()) {
      bars.add(
          new Bar(
              task.lane(),
              task.startMillis(),
              task.endMillis(),
              segments(task),
              !task.ok(),
              coldStart(task),
              throttled(task),
              Map.of("index", Integer.toString(task.index())),
              () -> TimingDiagram.describe(task)));
    }
    Comparator<String> order =
        Comparator.<String, Boolean>comparing(lane -> lane.equals("none"))
            .thenComparing(LaneNames.NATURAL);
    return layout(bars, order, lane -> false, run.wallMillis(), Arrays.asList(Part.values()));
  }

  /**
   * Each bar, in order of start, on the first track that is free by then. Bars come in order of
   * start, so a track free by one bar's start stays free for the next ones until it is taken: the
   * free tracks are a set that only the busy ones, as they end, join. Looking the tracks over one
   * by one for each bar took minutes for an event loop with 100,000 tasks in flight.
   */
  static List<List<Bar>> tracks(List<Bar> byStart) {
    if (byStart.size() == 1) {
      return List.of(byStart); // a virtual thread's lane: one task, one track
    }
    List<List<Bar>> tracks = new ArrayList<>();
    PriorityQueue<BusyTrack> busy =
        new PriorityQueue<>(Comparator.comparingDouble(BusyTrack::freeAt));
    TreeSet<Integer> free = new TreeSet<>();
    for (Bar bar : byStart) {
      while (!busy.isEmpty() && busy.peek().freeAt() <= bar.startMillis()) {
        free.add(busy.poll().track());
      }
      Integer track = free.pollFirst();
      if (track == null) {
        track = tracks.size();
        tracks.add(new ArrayList<>());
      }
      tracks.get(track).add(bar);
      busy.add(new BusyTrack(track, Math.max(bar.startMillis(), bar.endMillis())));
    }
    return tracks;
  }

  private record BusyTrack(int track, double freeAt) {}

  /**
   * The parts of a task's bar. Where CPU time was measured: blue for it, red for the rest; only the
   * shares are measured, not when within the task the CPU ran, so blue is drawn first. For Lambda:
   * the round trip, with the REPORT line's handler duration at its end and the init duration of a
   * cold start just before it; the rest is the network and the service. Otherwise the wall time
   * alone, drawn as unmeasured.
   */
  static List<Segment> segments(TaskRecord task) {
    double start = task.startMillis();
    double end = Math.max(start, task.endMillis());
    LambdaFacts lambda = task.lambda();
    if (lambda != null && lambda.durationMillis() != null) {
      double handlerStart = Math.max(start, end - lambda.durationMillis());
      double init = lambda.initMillis() == null ? 0 : lambda.initMillis();
      double initStart = Math.max(start, handlerStart - init);
      List<Segment> parts = new ArrayList<>(3);
      if (initStart > start) {
        parts.add(new Segment(Part.WAIT, start, initStart));
      }
      if (handlerStart > initStart) {
        parts.add(new Segment(Part.INIT, initStart, handlerStart));
      }
      parts.add(new Segment(Part.HANDLER, handlerStart, end));
      return parts;
    }
    if (task.cpuMillis() != null) {
      double cpuEnd = Math.min(end, start + Math.max(0, task.cpuMillis()));
      return cpuEnd < end
          ? List.of(new Segment(Part.CPU, start, cpuEnd), new Segment(Part.WAIT, cpuEnd, end))
          : List.of(new Segment(Part.CPU, start, end));
    }
    return List.of(new Segment(Part.UNMEASURED, start, end));
  }

  static boolean coldStart(TaskRecord task) {
    return task.lambda() != null && task.lambda().coldStart();
  }

  static boolean throttled(TaskRecord task) {
    return task.lambda() != null && task.lambda().attempts() > 1;
  }
}
