package dev.fanout.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time of the current thread, where the JVM can measure it (not on virtual threads). */
public final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = supported();

  private CpuTime() {}

  /** CPU nanoseconds used by the current thread so far, or -1 when unmeasurable here. */
  public static long currentThreadNanos() {
    if (!SUPPORTED || Thread.currentThread().isVirtual()) {
      return -1;
    }
    return THREADS.getCurrentThreadCpuTime();
  }

  /** CPU nanoseconds used by this whole JVM so far (all its threads), or -1 when unmeasurable. */
  public static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** The CPU milliseconds between two readings, or null when either is unmeasurable. */
  public static Double millisBetween(long startNanos, long endNanos) {
    return startNanos < 0 || endNanos < 0 ? null : (endNanos - startNanos) / 1e6;
  }

  private static boolean supported() {
    try {
      if (THREADS.isCurrentThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
        THREADS.setThreadCpuTimeEnabled(true);
      }
      return THREADS.isCurrentThreadCpuTimeSupported();
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
