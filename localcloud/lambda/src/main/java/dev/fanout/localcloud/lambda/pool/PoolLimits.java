package dev.fanout.localcloud.lambda.pool;

import java.time.Duration;

/**
 * The service-wide limits of a {@link Pool}.
 *
 * @param maxInstances live instances of all functions together (what memory holds); at the cap an
 *     idle instance of another function is stopped to make room, or the invocation is throttled
 * @param idleTimeout how long an idle instance lives; the next invocation after it is cold
 * @param maxQueuedEvents asynchronous invocations waiting for an instance, per function
 */
public record PoolLimits(int maxInstances, Duration idleTimeout, int maxQueuedEvents) {
  /** How long Lambda lets a function initialise before the invocation's own timeout applies. */
  public static final Duration INIT_LIMIT = Duration.ofSeconds(10);

  /**
   * How long after an answer the log waits for the runtime's next {@code GET /next}, which ends it
   * (the runtime prints an error's stack trace after posting the error).
   */
  public static final Duration FINISH_GRACE = Duration.ofMillis(200);

  /** Lambda's largest synchronous response. */
  public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

  public PoolLimits {
    if (maxInstances < 1) {
      throw new IllegalArgumentException("maxInstances must be at least 1, got " + maxInstances);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    if (maxQueuedEvents < 0) {
      throw new IllegalArgumentException("maxQueuedEvents must not be negative");
    }
  }
}
