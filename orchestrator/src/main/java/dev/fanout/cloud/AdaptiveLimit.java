package dev.fanout.cloud;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * How many invocation attempts may be in flight, learned from the throttles, as TCP learns a
 * window: a throttle lowers the limit to the attempts still running (the ones the function had room
 * for), and each full window of answered attempts raises it by one, up to the maximum. An endpoint
 * with fewer instances than {@code --workers} then sees about as many attempts as it has instances,
 * not a storm of retries.
 *
 * <p>Attempts wait for a permit without a thread: {@link #acquire()} returns a future completed
 * when the attempt may go. Thread-safe.
 */
final class AdaptiveLimit {
  private final int max;
  private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int limit;
  private int inUse;
  private int answeredInWindow;

  AdaptiveLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a limit needs at least 1 permit, got " + max);
    }
    this.max = max;
    this.limit = max;
  }

  /** A permit for one attempt: completed now when one is free, else when one is. */
  CompletableFuture<Void> acquire() {
    synchronized (this) {
      if (inUse < limit && waiting.isEmpty()) {
        inUse++;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> permit = new CompletableFuture<>();
      waiting.add(permit);
      return permit;
    }
  }

  /** An attempt answered (well or with an error that is not a throttle): its permit is free. */
  void answered() {
    List<CompletableFuture<Void>> granted;
    synchronized (this) {
      inUse--;
      if (++answeredInWindow >= limit) {
        answeredInWindow = 0;
        limit = Math.min(max, limit + 1);
      }
      granted = grant();
    }
    granted.forEach(permit -> permit.complete(null));
  }

  /** An attempt was throttled: the function has room for the attempts still running. */
  void throttled() {
    List<CompletableFuture<Void>> granted;
    synchronized (this) {
      inUse--;
      limit = Math.max(1, Math.min(limit, inUse));
      answeredInWindow = 0;
      granted = grant();
    }
    granted.forEach(permit -> permit.complete(null));
  }

  /** The permits to hand out now; completed by the caller outside the lock. */
  private List<CompletableFuture<Void>> grant() {
    List<CompletableFuture<Void>> granted = new ArrayList<>();
    while (inUse < limit && !waiting.isEmpty()) {
      inUse++;
      granted.add(waiting.poll());
    }
    return granted;
  }

  synchronized int limit() {
    return limit;
  }

  synchronized int inUse() {
    return inUse;
  }

  synchronized int waiting() {
    return waiting.size();
  }
}
