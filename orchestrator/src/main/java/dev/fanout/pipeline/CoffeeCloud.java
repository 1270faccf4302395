package dev.fanout.pipeline;

import dev.fanout.cloud.LambdaTarget;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Where Cloud Coffees' orders are made under {@code lambda}, and what the backend can tell of its
 * instances: the local Lambda service counts them; an endpoint or AWS says nothing but the REPORT
 * line of each invocation.
 *
 * @param target where the coffee function is invoked
 * @param liveInstances the coffee function's live instances now (starting, busy or idle); null when
 *     the backend cannot tell
 * @param idleTimeout how long an idle instance lives; null when unknown
 * @param concurrency the most instances of the function at once; 0 when unknown
 * @param throttleDeadline how long a throttled invocation is retried before its order fails
 */
public record CoffeeCloud(
    LambdaTarget target,
    IntSupplier liveInstances,
    Duration idleTimeout,
    int concurrency,
    Duration throttleDeadline) {

  public CoffeeCloud {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(throttleDeadline, "throttleDeadline");
  }

  /** Whether instances can be counted as they come and go, not only inferred from REPORT lines. */
  public boolean countsInstances() {
    return liveInstances != null;
  }
}
