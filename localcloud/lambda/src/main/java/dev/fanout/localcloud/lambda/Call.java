package dev.fanout.localcloud.lambda;

import dev.fanout.localcloud.lambda.pool.Refusal;
import java.util.UUID;

/**
 * One Invoke API call as the shell keeps it while the pool decides: what the runtime is sent, and
 * whom to tell how it went. The pool knows it by its request id only.
 */
final class Call {
  /** Whom the shell tells how a call went; called once per outcome, off the pool's lock. */
  interface Listener {
    /** An asynchronous call's event is taken (now or queued). */
    default void accepted(String requestId) {}

    /** The call is not taken. */
    void refused(String requestId, Refusal reason);

    /** The invocation ended; {@code result.log()} is empty when the caller did not ask for it. */
    default void completed(InvocationResult result) {}
  }

  final String requestId = UUID.randomUUID().toString();
  final String function;
  final byte[] payload;
  final String qualifier;
  final String clientContext;
  final boolean event;
  final boolean wantsLog;
  final Listener listener;

  /** What the runtime printed while it initialised, for a cold start's log. */
  volatile String initOutput = "";

  /**
   * @param qualifier the version or alias asked for, null for none
   * @param clientContext the client context as compact JSON, null for none
   * @param event true for an asynchronous invocation (nobody waits for its result)
   * @param wantsLog true when the caller asked for the tail of the log
   */
  Call(
      String function,
      byte[] payload,
      String qualifier,
      String clientContext,
      boolean event,
      boolean wantsLog,
      Listener listener) {
    this.function = function;
    this.payload = payload;
    this.qualifier = qualifier;
    this.clientContext = clientContext;
    this.event = event;
    this.wantsLog = wantsLog;
    this.listener = listener;
  }
}
