package dev.fanout.localcloud.lambda.pool;

import java.time.Duration;

/**
 * What the pool needs to know of a function to decide.
 *
 * @param name the function's name
 * @param concurrency the most instances it runs at once; past it an invocation is throttled
 * @param reserved true when {@code concurrency} is the function's reserved concurrency (AWS names
 *     the throttle after it), false when it is the service's per-function cap
 * @param timeout how long one invocation may run
 */
public record PoolFunction(String name, int concurrency, boolean reserved, Duration timeout) {
  public PoolFunction {
    if (concurrency < 1) {
      throw new IllegalArgumentException(name + ": concurrency must be at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + ": timeout must be positive");
    }
  }
}
