package dev.fanout.localcloud.lambda.pool;

/** Why an invocation was not taken. */
public enum Refusal {
  /** The function is at its reserved concurrency. */
  RESERVED_CONCURRENCY,
  /** The function is at the service's per-function cap (AWS's account concurrency). */
  FUNCTION_CONCURRENCY,
  /** Every instance the machine holds is busy, and no idle one of another function can go. */
  SERVICE_CAPACITY,
  /** The service is stopping. */
  SHUTTING_DOWN
}
