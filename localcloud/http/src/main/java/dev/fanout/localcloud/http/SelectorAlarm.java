package dev.fanout.localcloud.http;

import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes a selector when its loop's next timer is due. The selector waits in whole milliseconds, so
 * on its own it would run a timer up to a millisecond late; a parked thread wakes within tens of
 * microseconds.
 */
final class SelectorAlarm {
  /** No alarm set. A nanoTime could take this value only after centuries of uptime. */
  private static final long NO_ALARM = Long.MIN_VALUE;

  private final Selector selector;
  private final Thread thread;

  /** The nanoTime at which the selector is woken; {@link #NO_ALARM} for none. */
  private final AtomicLong alarmAt = new AtomicLong(NO_ALARM);

  private volatile boolean running = true;

  SelectorAlarm(Selector selector, String threadName) {
    this.selector = selector;
    this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::ring);
  }

  void start() {
    thread.start();
  }

  /** Wakes the selector at {@code deadlineNanos}, instead of at the time set before. */
  void set(long deadlineNanos) {
    if (alarmAt.getAndSet(deadlineNanos) != deadlineNanos) {
      LockSupport.unpark(thread);
    }
  }

  void stop() throws InterruptedException {
    running = false;
    LockSupport.unpark(thread);
    thread.join(5_000);
  }

  private void ring() {
    while (running) {
      long at = alarmAt.get();
      if (at == NO_ALARM) {
        LockSupport.park(this);
        continue;
      }
      long left = at - System.nanoTime();
      if (left > 0) {
        // Unparked early when the loop sets an earlier time.
        LockSupport.parkNanos(this, left);
      } else if (alarmAt.compareAndSet(at, NO_ALARM)) {
        selector.wakeup();
      }
    }
  }
}
