package dev.fanout.forecast;

/**
 * One task's work as measured when it ran alone: time on a core, and time spent waiting (network,
 * timers), which more CPU does not shorten.
 */
public record TaskWork(double cpuMillis, double waitMillis) {
  public TaskWork {
    if (cpuMillis < 0 || waitMillis < 0) {
      throw new IllegalArgumentException("work cannot be negative");
    }
  }

  /** Its duration with {@code cpuShare} of a core (1 = a whole core). */
  public double millisWith(double cpuShare) {
    return cpuMillis / cpuShare + waitMillis;
  }
}
