package dev.fanout.localcloud.lambda.pool;

/**
 * Where an invocation is, from the Invoke API to its log. Transitions, all decided by {@link Pool}:
 *
 * <pre>
 * (new)     --an instance takes it---------> ASSIGNED | QUEUED (an event, none free) | refused
 * QUEUED    --an instance frees up---------> ASSIGNED
 * ASSIGNED  --the runtime asks for it------> DELIVERED
 * ASSIGNED  --its instance died unread-----> ASSIGNED (on another instance, once) | LOGGED
 * DELIVERED --the runtime answers----------> ANSWERED
 * DELIVERED --timeout, exit, bad runtime---> LOGGED
 * DELIVERED --the event was never read-----> ASSIGNED
 * ANSWERED  --next GET /next, grace, exit--> LOGGED
 * </pre>
 */
public enum InvocationState {
  /** An asynchronous event waiting for a free instance. */
  QUEUED,
  /** Given to an instance that has not taken it yet (starting, or between two GET /next). */
  ASSIGNED,
  /** Written to the runtime: running, with its timeout armed. */
  DELIVERED,
  /** The runtime answered; its log stays open for what the runtime prints before it asks again. */
  ANSWERED,
  /** Its log is written with its REPORT line, and its caller has the answer: done. */
  LOGGED
}
