package dev.fanout.localcloud.lambda.pool;

/**
 * One function instance, as the pool and the processes that run it both name it.
 *
 * @param function the function's name
 * @param number 1 for the function's first instance, then 2, 3...
 */
public record InstanceId(String function, int number) {
  /** {@code FibFunction-3}: the instance's log file and log stream are named after it. */
  public String name() {
    return function + "-" + number;
  }

  @Override
  public String toString() {
    return name();
  }
}
