package dev.fanout.localcloud.http;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections of one port against its cap, counted across the loops that share the port
 * (hence atomic). Past the cap, new connections are refused; that is logged once per port, not once
 * per connection, since a client that floods is the reason it happens.
 */
final class ConnectionCount {
  private static final System.Logger LOG = System.getLogger(HttpLoop.class.getName());

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicBoolean logged = new AtomicBoolean();

  ConnectionCount(HttpLimits limits) {
    this.max = limits.maxConnections();
  }

  /** Counts one more connection, unless the cap is reached: then false, and it is not counted. */
  boolean tryOpen(int port) {
    for (int now = open.get(); now < max; now = open.get()) {
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
    if (logged.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "port "
              + port
              + " has "
              + max
              + " connections open, its cap: new ones are answered 503 and closed until some"
              + " close (logged once)");
    }
    return false;
  }

  void closed() {
    open.decrementAndGet();
  }

  int max() {
    return max;
  }
}
