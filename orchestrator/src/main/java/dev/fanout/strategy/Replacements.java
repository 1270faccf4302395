package dev.fanout.strategy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many lost worker JVMs (hung or dead) a run may replace: enough for accidents, so that a unit
 * that kills or hangs every worker ends the run instead of starting JVMs forever.
 */
final class Replacements {
  /** The fewest a pool gets, however small: a one-worker pool survives a few accidents too. */
  static final int AT_LEAST = 3;

  private final int limit;
  private final AtomicInteger used = new AtomicInteger();

  Replacements(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("a replacement limit cannot be negative, got " + limit);
    }
    this.limit = limit;
  }

  /** One replacement per worker of the pool, and at least {@value #AT_LEAST}. */
  static Replacements forPool(int workers) {
    return new Replacements(Math.max(AT_LEAST, workers));
  }

  int limit() {
    return limit;
  }

  /** Takes one replacement; false, and nothing taken, when they are spent. */
  boolean take() {
    return used.getAndUpdate(n -> n < limit ? n + 1 : n) < limit;
  }

  int used() {
    return used.get();
  }

  /** Why a lost worker was not replaced, for the tasks that then find no worker. */
  String spent() {
    int count = used.get();
    return count
        + (count == 1 ? " replacement" : " replacements")
        + " of lost worker JVMs, the most a run allows, were spent: the unit may be killing or"
        + " hanging its workers, or --task-timeout is shorter than its tasks";
  }
}
