package dev.fanout.localcloud.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service-wide cap on live instances, all functions together, so that a wide fan-out cannot
 * start more JVMs than memory holds. At the cap an idle instance of another function is stopped to
 * make room; without one, the invocation is throttled as AWS throttles an account at its
 * concurrency limit.
 */
final class InstanceBudget {
  private final int max;
  private final AtomicInteger used = new AtomicInteger();
  private final List<FunctionPool> pools = new CopyOnWriteArrayList<>();

  InstanceBudget(int max) {
    this.max = max;
  }

  int max() {
    return max;
  }

  void register(FunctionPool pool) {
    pools.add(pool);
  }

  boolean tryAcquire() {
    while (true) {
      int now = used.get();
      if (now >= max) {
        return false;
      }
      if (used.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  void release() {
    used.decrementAndGet();
  }

  /** Stops the longest-idle instance of a function other than {@code asking}; true if one was. */
  boolean evictIdle(FunctionPool asking) {
    FunctionPool oldest = null;
    long oldestSince = Long.MAX_VALUE;
    for (FunctionPool pool : pools) {
      long since = pool == asking ? Long.MAX_VALUE : pool.oldestIdleSince();
      if (since < oldestSince) {
        oldestSince = since;
        oldest = pool;
      }
    }
    return oldest != null && oldest.evictOldestIdle();
  }
}
