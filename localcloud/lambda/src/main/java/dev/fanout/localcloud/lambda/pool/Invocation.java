package dev.fanout.localcloud.lambda.pool;

/** The pool's record of one invocation; changed only by {@link Pool}'s decisions. */
final class Invocation {
  final String requestId;
  final FunctionSlots function;
  final boolean event;
  final boolean wantsLog;
  final long receivedAt;

  InvocationState state;

  /** The instance it is given to; after a failure, the one whose log tells of it. */
  Instance instance;

  boolean delivered;
  long deliveredAt;
  long deadline;
  boolean cold;
  double initMillis = Double.NaN;

  /** The runtime connection its event was written to, and whether that was reset unread. */
  Object eventConnection;

  boolean eventUnread;

  /** Already moved once to another instance after its own died before reading it. */
  boolean requeued;

  long endedAt;
  Outcome outcome;
  String status = "";

  /** The caller has its answer (it did not ask for the log, which comes later). */
  boolean callerAnswered;

  Invocation(
      String requestId, FunctionSlots function, boolean event, boolean wantsLog, long receivedAt) {
    this.requestId = requestId;
    this.function = function;
    this.event = event;
    this.wantsLog = wantsLog;
    this.receivedAt = receivedAt;
  }

  @Override
  public String toString() {
    return requestId + " " + state;
  }
}
