package dev.fanout.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How much of a core this JVM's threads get right now: threads spin for a moment and compare the
 * CPU time they were given with the time that passed, first one alone, then one per core. On an
 * idle machine both are 1. Where other work shares the cores they are less, and one thread alone
 * may get more than each of several: Linux shares the cores between sessions (autogroups) before
 * threads, so a session's threads divide its share among them.
 *
 * @param oneThread the share of a core one thread got, computing alone
 * @param eachOfAllCores the mean share of a core that each of one thread per core got
 */
public record CoreShare(double oneThread, double eachOfAllCores) {
  public CoreShare {
    if (!(oneThread > 0 && oneThread <= 1 && eachOfAllCores > 0 && eachOfAllCores <= 1)) {
      throw new IllegalArgumentException("a share of a core is in (0, 1]");
    }
  }

  /** The mean of two probes, e.g. one before a run and one after it. */
  public CoreShare meanWith(CoreShare other) {
    return new CoreShare(
        (oneThread + other.oneThread) / 2, (eachOfAllCores + other.eachOfAllCores) / 2);
  }

  /**
   * Spins one thread for {@code millis} ms, then {@code cores} threads as long; null where this JVM
   * cannot measure a thread's CPU time.
   */
  public static CoreShare probe(int cores, long millis) {
    if (CpuTime.currentThreadNanos() < 0) {
      return null;
    }
    Double alone = spinning(1, millis);
    Double each = spinning(cores, millis);
    return alone == null || each == null ? null : new CoreShare(alone, each);
  }

  private static Double spinning(int threads, long millis) {
    List<Thread> spinners = new ArrayList<>();
    double[] shares = new double[threads];
    for (int i = 0; i < threads; i++) {
      int slot = i;
      spinners.add(
          Thread.ofPlatform()
              .name("core-share-" + i)
              .start(() -> shares[slot] = spin(millis, System::nanoTime)));
    }
    for (Thread spinner : spinners) {
      try {
        spinner.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    double sum = 0;
    for (double share : shares) {
      sum += share;
    }
    return Math.clamp(sum / threads, 0.01, 1.0);
  }

  /** Spins on the clock for {@code millis} ms: the CPU time given over the time that passed. */
  static double spin(long millis, LongSupplier nanoTime) {
    long cpuStart = CpuTime.currentThreadNanos();
    long start = nanoTime.getAsLong();
    long end = start + millis * 1_000_000;
    long now = start;
    while (now < end) {
      now = nanoTime.getAsLong();
    }
    long cpu = CpuTime.currentThreadNanos() - cpuStart;
    return cpu / (double) Math.max(1, now - start);
  }
}
