package dev.fanout.cloud;

import java.util.ArrayList;
import java.util.List;

/**
 * Infers which Lambda instance ran each invocation, which Lambda does not say: a cold start is a
 * new instance; a warm invocation ran on an instance that was free when it started (or, when the
 * client's clocks cannot tell, the one that freed up first: a warm start never means a new
 * instance). Thread-safe.
 */
public final class InstanceLanes {
  private final List<Double> busyUntil = new ArrayList<>();

  /** The lane of an invocation that ran from {@code start} to {@code end}, e.g. "instance 3". */
  public synchronized String assign(boolean coldStart, double start, double end) {
    return "instance " + (place(coldStart, start, end) + 1);
  }

  /**
   * The same for an invocation that stopped its instance at its end (a timeout kills it): no later
   * invocation is put on that lane.
   */
  public synchronized String assignLast(boolean coldStart, double start, double end) {
    int lane = place(coldStart, start, end);
    busyUntil.set(lane, Double.POSITIVE_INFINITY);
    return "instance " + (lane + 1);
  }

  private int place(boolean coldStart, double start, double end) {
    int lane = -1;
    if (!coldStart) {
      for (int i = 0; i < busyUntil.size(); i++) {
        if (busyUntil.get(i) <= start && (lane < 0 || busyUntil.get(i) > busyUntil.get(lane))) {
          lane = i; // the instance freed most recently before this start
        }
      }
      if (lane < 0) {
        // Completions are seen a little late and out of order: take the one that freed first.
        for (int i = 0; i < busyUntil.size(); i++) {
          boolean stopped = Double.isInfinite(busyUntil.get(i));
          if (!stopped && (lane < 0 || busyUntil.get(i) < busyUntil.get(lane))) {
            lane = i;
          }
        }
      }
    }
    if (lane < 0) {
      busyUntil.add(end);
      lane = busyUntil.size() - 1;
    } else {
      busyUntil.set(lane, end);
    }
    return lane;
  }
}
