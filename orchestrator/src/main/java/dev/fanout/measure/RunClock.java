package dev.fanout.measure;

import java.util.function.LongSupplier;

/** Milliseconds since a run began, on a monotonic clock that tests can replace. */
public final class RunClock {
  private final LongSupplier nanoTime;
  private final long origin;

  public RunClock(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.origin = nanoTime.getAsLong();
  }

  public static RunClock startNow() {
    return new RunClock(System::nanoTime);
  }

  public double millis() {
    return millisAt(nanoTime.getAsLong());
  }

  /** A reading of the same clock, taken earlier, as ms since the run began. */
  public double millisAt(long nanos) {
    return (nanos - origin) / 1e6;
  }
}
