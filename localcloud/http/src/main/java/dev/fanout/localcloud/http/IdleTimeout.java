package dev.fanout.localcloud.http;

import java.util.function.BooleanSupplier;

/**
 * A connection's idle clock on its loop's timers, with one timer entry at most per connection: when
 * it falls due, the connection expires if it has stayed idle since, and the check is put off to the
 * new deadline if the clock was restarted meanwhile. Touched on the loop's thread only.
 */
final class IdleTimeout {
  private final HttpLoop loop;
  private final long timeoutNanos;
  private final BooleanSupplier busy;
  private final Runnable expire;
  private long idleSince;
  private boolean checkScheduled;

  /**
   * @param timeoutNanos 0 for none
   * @param busy true while the connection is not idle whatever the clock says (a request is in the
   *     handler's hands), or is closed
   * @param expire closes the connection
   */
  IdleTimeout(HttpLoop loop, long timeoutNanos, BooleanSupplier busy, Runnable expire) {
    this.loop = loop;
    this.timeoutNanos = timeoutNanos;
    this.busy = busy;
    this.expire = expire;
  }

  /** Idle from now. */
  void restart() {
    if (timeoutNanos == 0) {
      return;
    }
    idleSince = System.nanoTime();
    if (!checkScheduled) {
      checkScheduled = true;
      loop.schedule(idleSince + timeoutNanos, this::check);
    }
  }

  private void check() {
    checkScheduled = false;
    if (busy.getAsBoolean()) {
      // Restarted when the connection is idle again.
      return;
    }
    long due = idleSince + timeoutNanos;
    if (System.nanoTime() - due >= 0) {
      expire.run();
    } else {
      checkScheduled = true;
      loop.schedule(due, this::check);
    }
  }
}
