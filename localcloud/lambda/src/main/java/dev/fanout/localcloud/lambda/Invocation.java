package dev.fanout.localcloud.lambda;

import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One invocation, from the Invoke API request to its answer. Its mutable state belongs to the
 * {@link FunctionPool} running it and is guarded by the pool's lock.
 */
final class Invocation {
  final String requestId = UUID.randomUUID().toString();
  final byte[] payload;
  final String qualifier;
  final String clientContext;
  final boolean event;
  final boolean wantsLog;
  final long receivedNanos;
  private final Consumer<InvocationResult> completion;

  // Guarded by the pool's lock.
  Instance instance;
  boolean cold;
  double initMillis;
  long deliveredNanos;
  long endNanos;
  ScheduledFuture<?> timeout;
  InvocationResult result;
  String reportStatus = "";
  boolean answered;
  boolean finishClaimed;

  /** The runtime connection the event was written to. */
  Object eventConnection;

  /** That connection was reset: the runtime died without reading the event. */
  boolean eventUnread;

  /** Already given a second instance once; not again. */
  boolean requeued;

  // Written before the event is sent, read when the invocation finishes.
  volatile String initOutput = "";

  /**
   * @param qualifier the version or alias asked for, null for none
   * @param clientContext the client context JSON for the runtime, null for none
   * @param event true for an asynchronous invocation (nobody waits for its result)
   * @param wantsLog true when the caller asked for the tail of the log
   * @param completion called once with the result, off the pool's lock
   */
  Invocation(
      byte[] payload,
      String qualifier,
      String clientContext,
      boolean event,
      boolean wantsLog,
      long receivedNanos,
      Consumer<InvocationResult> completion) {
    this.payload = payload;
    this.qualifier = qualifier;
    this.clientContext = clientContext;
    this.event = event;
    this.wantsLog = wantsLog;
    this.receivedNanos = receivedNanos;
    this.completion = completion;
  }

  void complete(InvocationResult result) {
    completion.accept(result);
  }

  boolean delivered() {
    return deliveredNanos != 0;
  }
}
