package dev.fanout.localcloud.lambda.pool;

/**
 * Where an instance is in its life. Transitions, all decided by {@link Pool}:
 *
 * <pre>
 * STARTING --first GET /next--> BUSY (its cold-start invocation is delivered) | IDLE
 * IDLE     --an invocation----> BUSY
 * BUSY     --answered---------> IDLE | BUSY (a queued event is waiting)
 * any      --exit, kill, timeout, init timeout, idle reclaim, eviction, shutdown--> GONE
 * </pre>
 */
public enum InstanceState {
  /** Its process is starting or its runtime initialising: it has not asked for an event yet. */
  STARTING,
  /** Ready, with no invocation: the next one is warm. */
  IDLE,
  /** Holding an invocation: waiting for the runtime to ask for it, or running it. */
  BUSY,
  /** Out of the pool: its slot is free. Its process may take a moment more to exit. */
  GONE
}
