package dev.fanout.report.html;

import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's tasks laid out for drawing: its lanes (threads, worker JVMs, Lambda instances), each task
 * on a track of its lane. A lane that runs one task at a time has one track; a lane that holds many
 * in flight at once (the event loop) has as many tracks as it had tasks in flight, so that no bar
 * hides another.
 */
record Timeline(List<Lane> lanes, double endMillis) {

  /** One lane and its tracks; every task of a track ends before the next one starts. */
  record Lane(String name, List<List<TaskRecord>> tracks) {
    int tasks() {
      return tracks.stream().mapToInt(List::size).sum();
    }
  }

  /** A stretch of a task's bar, in ms since the run began. */
  record Segment(Part part, double from, double to) {
    double millis() {
      return to - from;
    }
  }

  /**
   * Lanes in the order of their names' numbers (thread-1, thread-2, .. thread-10), except virtual
   * threads, whose ids say nothing: those go by when they started. Tasks that ran on no lane (a
   * Lambda call that never reached an instance) come last.
   */
  static Timeline of(RunResult run) {
    Map<String, List<TaskRecord>> byLane = new LinkedHashMap<>();
    run.tasks().stream()
        .sorted(Comparator.comparingDouble(TaskRecord::startMillis))
        .forEach(task -> byLane.computeIfAbsent(task.lane(), lane -> new ArrayList<>()).add(task));
    List<String> names = new ArrayList<>(byLane.keySet());
    if (run.strategy().lanesNamedInOrder()) {
      names.sort(Timeline::naturalOrder);
    }
    if (names.remove("none")) {
      names.add("none");
    }
    List<Lane> lanes = new ArrayList<>(names.size());
    for (String name : names) {
      lanes.add(new Lane(name, tracks(byLane.get(name))));
    }
    double end = run.wallMillis();
    for (TaskRecord task : run.tasks()) {
      end = Math.max(end, task.endMillis());
    }
    return new Timeline(List.copyOf(lanes), end);
  }

  int tracks() {
    return lanes.stream().mapToInt(lane -> lane.tracks().size()).sum();
  }

  /** Each task, in order of start, on the first track that is free by then. */
  private static List<List<TaskRecord>> tracks(List<TaskRecord> byStart) {
    List<List<TaskRecord>> tracks = new ArrayList<>();
    List<Double> freeAt = new ArrayList<>();
    for (TaskRecord task : byStart) {
      int track = 0;
      while (track < tracks.size() && freeAt.get(track) > task.startMillis()) {
        track++;
      }
      if (track == tracks.size()) {
        tracks.add(new ArrayList<>());
        freeAt.add(0.0);
      }
      tracks.get(track).add(task);
      freeAt.set(track, Math.max(task.startMillis(), task.endMillis()));
    }
    return tracks;
  }

  /** Compares names as text, but runs of digits as numbers: thread-2 before thread-10. */
  static int naturalOrder(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = i;
        while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
          endA++;
        }
        int endB = j;
        while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
          endB++;
        }
        int compared =
            new java.math.BigInteger(a.substring(i, endA))
                .compareTo(new java.math.BigInteger(b.substring(j, endB)));
        if (compared != 0) {
          return compared;
        }
        i = endA;
        j = endB;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

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
