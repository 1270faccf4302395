package dev.fanout.localcloud.http;

import java.util.PriorityQueue;

/**
 * Tasks due at {@link System#nanoTime()} instants, taken in deadline order and, when due at the
 * same instant, in the order they were added. Used on the loop's thread only.
 */
final class TimerQueue {
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long added;

  void add(long deadlineNanos, Runnable task) {
    timers.add(new Timer(deadlineNanos, added++, task));
  }

  boolean isEmpty() {
    return timers.isEmpty();
  }

  /** The deadline of the next task; only when {@link #isEmpty()} is false. */
  long nextDeadline() {
    return timers.element().deadlineNanos();
  }

  /** The next task if it is due at {@code nowNanos}, removed from the queue; else null. */
  Runnable pollDue(long nowNanos) {
    Timer next = timers.peek();
    if (next == null || next.deadlineNanos() - nowNanos > 0) {
      return null;
    }
    timers.poll();
    return next.task();
  }

  void clear() {
    timers.clear();
  }

  /** A task due at a nanoTime; {@code sequence} keeps tasks due at once in the order added. */
  private record Timer(long deadlineNanos, long sequence, Runnable task)
      implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      // nanoTime values are compared by their difference: they may wrap around.
      long difference = deadlineNanos - other.deadlineNanos;
      return difference != 0 ? Long.signum(difference) : Long.compare(sequence, other.sequence);
    }
  }
}
