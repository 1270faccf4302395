package dev.fanout.forecast;

import java.util.List;
import java.util.PriorityQueue;

/**
 * A run on this machine: {@code lanes} tasks at once (threads, worker JVMs, or one per task) on
 * {@code cores} cores. It takes the longer of two bounds: the CPU work shared by the cores that can
 * be busy, and the lanes' schedule (each task to the first free lane). Pure.
 */
public final class MachineModel {
  private MachineModel() {}

  public static double wallMillis(List<TaskWork> profile, long tasks, long lanes, int cores) {
    if (profile.isEmpty() || tasks < 1 || lanes < 1 || cores < 1) {
      throw new IllegalArgumentException("a forecast needs tasks, their work, lanes and cores");
    }
    double cpu = 0;
    double longest = 0;
    for (long i = 0; i < Math.min(tasks, profile.size()); i++) {
      longest = Math.max(longest, profile.get((int) i).millisWith(1));
    }
    for (long i = 0; i < tasks; i++) {
      cpu += profile.get((int) (i % profile.size())).cpuMillis();
    }
    double cpuBound = cpu / Math.min(cores, lanes);
    return Math.max(cpuBound, lanes >= tasks ? longest : schedule(profile, tasks, (int) lanes));
  }

  /** Each task to the lane that frees first: the end of the last one. */
  private static double schedule(List<TaskWork> profile, long tasks, int lanes) {
    PriorityQueue<Double> freeAt = new PriorityQueue<>();
    for (int lane = 0; lane < lanes; lane++) {
      freeAt.add(0.0);
    }
    double wall = 0;
    for (long i = 0; i < tasks; i++) {
      double end = freeAt.poll() + profile.get((int) (i % profile.size())).millisWith(1);
      freeAt.add(end);
      wall = Math.max(wall, end);
    }
    return wall;
  }
}
