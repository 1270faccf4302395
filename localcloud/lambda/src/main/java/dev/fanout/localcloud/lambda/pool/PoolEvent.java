package dev.fanout.localcloud.lambda.pool;

/**
 * Everything that can happen to a pool. The Invoke API, the instances' Runtime APIs, the launcher
 * and the clock only report events; what follows is the pool's decision.
 *
 * <p>Requests and connections are opaque tokens: the pool keeps them to hand back in effects and
 * compares them by identity, nothing more.
 */
public sealed interface PoolEvent {
  /** A caller invokes {@code function}; {@code event} for an asynchronous invocation. */
  record Invoke(String requestId, String function, boolean event, boolean wantsLog)
      implements PoolEvent {}

  /** The runtime asks for its next event; {@code request} waits for the answer. */
  record NextRequested(InstanceId instance, Object request, Object connection)
      implements PoolEvent {}

  /** The runtime's pending {@code GET /next} connection closed before it was answered. */
  record NextAbandoned(InstanceId instance, Object request) implements PoolEvent {}

  /**
   * A connection of the runtime closed; {@code reset} when it closed with data unread, as a process
   * killed before it read the event it was sent.
   */
  record RuntimeDisconnected(InstanceId instance, Object connection, boolean reset)
      implements PoolEvent {}

  /**
   * The runtime posts an invocation's response (a {@link Outcome.Succeeded}) or error (a {@link
   * Outcome.Failed}); {@code request} waits for the acknowledgement.
   */
  record ResultPosted(InstanceId instance, String requestId, Outcome outcome, Object request)
      implements PoolEvent {}

  /** The runtime reports that its initialisation failed (it exits next). */
  record InitErrorPosted(InstanceId instance, byte[] document, Object request)
      implements PoolEvent {}

  /** The instance's process has started. */
  record Launched(InstanceId instance) implements PoolEvent {}

  /** The instance's process could not be started. */
  record LaunchFailed(InstanceId instance, String reason) implements PoolEvent {}

  /** The instance's process ended (Java's exit code: 128 + n for signal n). */
  record Exited(InstanceId instance, int exitCode) implements PoolEvent {}

  /** The event for {@code requestId} could not be written: the runtime's connection had closed. */
  record DeliveryFailed(InstanceId instance, String requestId) implements PoolEvent {}

  /** Time passed: timeouts, init timeouts, log grace periods and idle instances are checked. */
  record Tick() implements PoolEvent {}

  /** The service stops: every instance is stopped, invocations in flight fail. */
  record Shutdown() implements PoolEvent {}
}
