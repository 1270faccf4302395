package dev.fanout.measure;

import dev.fanout.api.UnitKind;
import java.util.List;

/**
 * The shortest wall time a run could have, given how long each task takes on its own: max(total
 * work / capacity, the longest task). Capacity is the machine's cores for CPU work (the invocations
 * in flight for Lambda on machines of its own); for waiting work (I/O, timers) it is how many tasks
 * the strategy keeps in flight, so that 160 equal downloads with 5 workers come to 32 round trips,
 * one per wave.
 */
public final class PhysicalLimit {
  private PhysicalLimit() {}

  /**
   * @param workMillis how long each task takes alone (e.g. in a sequential run)
   * @param concurrency how many tasks the strategy keeps in flight
   */
  public static double millis(UnitKind kind, List<Double> workMillis, int concurrency, int cores) {
    return millis(workMillis, kind == UnitKind.CPU ? cores : concurrency);
  }

  /**
   * @param workMillis how long each task takes alone
   * @param capacity how many tasks can make progress at once
   */
  public static double millis(List<Double> workMillis, int capacity) {
    double total = workMillis.stream().mapToDouble(Double::doubleValue).sum();
    double longest = workMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return Math.max(total / Math.max(1, capacity), longest);
  }
}
