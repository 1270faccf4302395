package dev.fanout.localcloud.lambda.pool;

/**
 * What the pool decided should happen, in order: the shell carries each out against processes and
 * sockets and reports back only through {@link PoolEvent}s.
 */
public sealed interface PoolEffect {
  /** Start a process for a new instance. */
  record Launch(InstanceId instance) implements PoolEffect {}

  /**
   * Answer the runtime's pending {@code GET /next} ({@code request}) with the invocation's event;
   * for a {@code cold} one, first take what the runtime printed while it initialised. If the
   * connection is found closed, report {@link PoolEvent.DeliveryFailed}.
   */
  record Deliver(InstanceId instance, String requestId, Object request, boolean cold)
      implements PoolEffect {}

  /** Acknowledge a runtime's post (202), or refuse it: it named no invocation it is running. */
  record Acknowledge(Object request, String requestId, boolean accepted) implements PoolEffect {}

  /** Tell an asynchronous caller its event is taken (202), now or queued. */
  record Accept(String requestId) implements PoolEffect {}

  /** Tell the caller its invocation is not taken. */
  record Refuse(String requestId, Refusal reason) implements PoolEffect {}

  /** Answer the caller now, without the log (it did not ask for it). */
  record Answer(String requestId, Outcome outcome) implements PoolEffect {}

  /**
   * Write the invocation's log: the instance's new output, then END and REPORT; then, when {@code
   * answer}, answer the caller with the outcome and the log.
   */
  record WriteLog(
      InstanceId instance, String requestId, Outcome outcome, LogFacts facts, boolean answer)
      implements PoolEffect {}

  /** Stop the instance's process at once (SIGKILL, as Lambda does). */
  record Kill(InstanceId instance) implements PoolEffect {}

  /** Close what the instance's process held (its Runtime API endpoint, its log); it has exited. */
  record Release(InstanceId instance) implements PoolEffect {}
}
