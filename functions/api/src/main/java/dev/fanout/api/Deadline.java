package dev.fanout.api;

import java.util.function.LongSupplier;

/**
 * How long a unit may still run. Long units poll it and stop with {@link DeadlineExceededException}
 * rather than be killed silently (as a Lambda timeout would).
 */
@FunctionalInterface
public interface Deadline {
  /** Milliseconds left; {@link Long#MAX_VALUE} when there is no deadline. */
  long remainingMillis();

  /** No deadline at all. */
  static Deadline none() {
    return () -> Long.MAX_VALUE;
  }

  /** A deadline {@code millis} from now on the given monotonic clock (nanoseconds). */
  static Deadline after(long millis, LongSupplier nanoTime) {
    // Saturates: a deadline too far to count in nanoseconds is no deadline.
    if (millis >= Long.MAX_VALUE / 2_000_000L) {
      return none();
    }
    long end = nanoTime.getAsLong() + millis * 1_000_000L;
    return () -> Math.max(0, (end - nanoTime.getAsLong()) / 1_000_000L);
  }

  /** Throws when less than {@code neededMillis} are left; {@code what} names the work refused. */
  default void require(long neededMillis, String what) {
    long left = remainingMillis();
    if (left < neededMillis) {
      throw new DeadlineExceededException(
          what
              + " stopped: "
              + left
              + " ms left before the deadline, needs about "
              + neededMillis
              + " ms; give it a longer timeout or a smaller input");
    }
  }
}
