package dev.fanout.localcloud.lambda;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How many function instances this machine holds: by default four per core for one function (a
 * fan-out mostly waits), and, for all functions together, as many as its memory holds at {@link
 * #INSTANCE_FOOTPRINT_BYTES} each after {@link #RESERVED_BYTES} for everything else, never more
 * than {@link #HARD_CAP}. That is also the most instances a user may ask of one function.
 *
 * @param cores the processors this JVM may use
 * @param memoryBytes the machine's (or container's) physical memory
 */
record MachineLimits(int cores, long memoryBytes) {
  /**
   * What one instance takes, with room to spare: a warm instance of the fanout functions measured
   * 110-140 MB resident (Quarkus on C1, serial GC); its heap may grow beyond that under load.
   */
  static final long INSTANCE_FOOTPRINT_BYTES = 256L << 20;

  /** Left for the service itself, its clients and the system. */
  static final long RESERVED_BYTES = 1L << 30;

  /**
   * The most instances on any machine: Lambda's default concurrency quota for a whole account in a
   * region, and far more JVMs than any workstation starts at once.
   */
  static final int HARD_CAP = 1_000;

  static MachineLimits current() {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : Runtime.getRuntime().maxMemory() * 4;
    return new MachineLimits(Runtime.getRuntime().availableProcessors(), memory);
  }

  /** The most instances, all functions together, that memory holds, at most {@link #HARD_CAP}. */
  int maxInstances() {
    return (int) Math.max(1, Math.min(HARD_CAP, memoryHolds()));
  }

  /** Where {@link #maxInstances()} comes from, for a message that refuses more. */
  String describeMaxInstances() {
    if (memoryHolds() >= HARD_CAP) {
      return "fanout starts at most " + HARD_CAP + " instances on any machine";
    }
    return String.format(
        Locale.ROOT,
        "this machine's %.1f GB of memory holds %d instance%s of %d MB, after %d GB for"
            + " everything else",
        memoryBytes / (double) (1L << 30),
        maxInstances(),
        maxInstances() == 1 ? "" : "s",
        INSTANCE_FOOTPRINT_BYTES >> 20,
        RESERVED_BYTES >> 30);
  }

  private long memoryHolds() {
    return (memoryBytes - RESERVED_BYTES) / INSTANCE_FOOTPRINT_BYTES;
  }

  /** A function's concurrency unless reserved: four per core, within {@link #maxInstances()}. */
  int defaultInstancesPerFunction() {
    return Math.max(1, Math.min(4 * cores, maxInstances()));
  }
}
