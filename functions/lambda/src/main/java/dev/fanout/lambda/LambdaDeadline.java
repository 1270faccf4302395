package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fanout.api.Deadline;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A unit's deadline inside Lambda: the invocation's remaining time less a margin, so that a long
 * unit stops with DeadlineExceeded and still has time to say so, instead of being killed silently.
 */
final class LambdaDeadline {
  /** Lambda's longest timeout (15 minutes); more time than that left is not a real deadline. */
  static final long MAX_TIMEOUT_MILLIS = 900_000;

  private LambdaDeadline() {}

  static Deadline of(Context context, Duration margin, LongSupplier nanoTime) {
    long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
    if (remaining <= 0 || remaining > MAX_TIMEOUT_MILLIS) {
      // No deadline was given: Quarkus' mock event server sends no Lambda-Runtime-Deadline-Ms, and
      // its context then reports a meaningless number.
      return Deadline.none();
    }
    return Deadline.after(Math.max(0, remaining - margin.toMillis()), nanoTime);
  }
}
