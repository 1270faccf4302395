package dev.fanout.localcloud.lambda.pool;

import java.time.Duration;

/** The pool's record of one instance; changed only by {@link Pool}'s decisions. */
final class Instance {
  /** What {@link #nextDeadline} answers when nothing about the instance falls due. */
  static final long NO_DEADLINE = Long.MIN_VALUE;

  final InstanceId id;
  final FunctionSlots function;
  final long startedAt;
  final long initDeadline;

  InstanceState state = InstanceState.STARTING;

  /** The init duration in ms, NaN until the runtime first asks for an event. */
  double initMillis = Double.NaN;

  /** The runtime's pending {@code GET /next} and its connection, or null. */
  Object pendingNext;

  Object pendingNextConnection;

  /** The invocation it holds: ASSIGNED or DELIVERED. */
  Invocation current;

  /** Its last ANSWERED invocation, whose log ends at the runtime's next {@code GET /next}. */
  Invocation logOpen;

  /** True once it was handed an invocation: the next one is warm. */
  boolean servedAny;

  long idleSince;

  /** Its runtime dropped a pending {@code GET /next}: it is dying, so no invocation goes to it. */
  boolean lost;

  /** What the runtime posted to {@code /init/error}, or null. */
  byte[] initError;

  Instance(InstanceId id, FunctionSlots function, long startedAt, long initDeadline) {
    this.id = id;
    this.function = function;
    this.startedAt = startedAt;
    this.initDeadline = initDeadline;
  }

  boolean ready() {
    return !Double.isNaN(initMillis);
  }

  /**
   * The earliest nanoTime at which something falls due: its init timeout, its invocation's timeout,
   * the end of its open log's grace, or its idle reclaim; {@link #NO_DEADLINE} for none.
   */
  long nextDeadline(Duration idleTimeout) {
    long due = NO_DEADLINE;
    if (state == InstanceState.STARTING) {
      due = earlier(due, initDeadline);
    }
    if (current != null && current.state == InvocationState.DELIVERED) {
      due = earlier(due, current.deadline);
    }
    if (logOpen != null) {
      due = earlier(due, logOpen.endedAt + PoolLimits.FINISH_GRACE.toNanos());
    } else if (state == InstanceState.IDLE) {
      due = earlier(due, idleSince + idleTimeout.toNanos());
    }
    return due;
  }

  /** nanoTimes compare by their difference: they may wrap around. */
  private static long earlier(long due, long candidate) {
    return due == NO_DEADLINE || candidate - due < 0 ? candidate : due;
  }

  boolean live() {
    return state != InstanceState.GONE;
  }

  @Override
  public String toString() {
    return id + " " + state;
  }
}
