package dev.fanout.units.ledger;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A first-come, first-served lock whose acquisition is a future: a thread may wait on it, and an
 * event loop may chain on it without blocking (what asyncio.Lock is to a coroutine). Release hands
 * the lock straight to the next in line.
 */
final class TurnLock {
  private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private boolean held;

  /** Completes when the caller holds the lock; the caller must then {@link #release()} it once. */
  CompletableFuture<Void> acquire() {
    synchronized (this) {
      if (!held) {
        held = true;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> turn = new CompletableFuture<>();
      waiting.add(turn);
      return turn;
    }
  }

  void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        held = false;
        return;
      }
    }
    // Outside the monitor: completing runs the next holder's non-async stages right here.
    next.complete(null);
  }
}
