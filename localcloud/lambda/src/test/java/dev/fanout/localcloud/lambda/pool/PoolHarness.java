package dev.fanout.localcloud.lambda.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A {@link Pool} on a made-up clock, with the events a test sends spelled out: no process, no
 * socket, no sleep. Requests and connections are plain strings, as the pool only compares them.
 */
final class PoolHarness {
  static final Duration TIMEOUT = Duration.ofSeconds(3);
  static final Duration IDLE = Duration.ofSeconds(60);

  final Pool pool;
  private long now = 1_000_000_000L;
  private int requests;

  /** Fib: 2 instances at most (the service's cap); Nap: reserved concurrency 1; 3 in all. */
  PoolHarness() {
    this(3, 10);
  }

  PoolHarness(int maxInstances, int maxQueuedEvents) {
    pool =
        new Pool(
            List.of(
                new PoolFunction("Fib", 2, false, TIMEOUT),
                new PoolFunction("Nap", 1, true, TIMEOUT)),
            new PoolLimits(maxInstances, IDLE, maxQueuedEvents));
  }

  static InstanceId fib(int number) {
    return new InstanceId("Fib", number);
  }

  static InstanceId nap(int number) {
    return new InstanceId("Nap", number);
  }

  long now() {
    return now;
  }

  PoolHarness advance(Duration by) {
    now += by.toNanos();
    return this;
  }

  List<PoolEffect> on(PoolEvent event) {
    return pool.decide(event, now);
  }

  List<PoolEffect> invoke(String requestId, String function) {
    return on(new PoolEvent.Invoke(requestId, function, false, false));
  }

  List<PoolEffect> invokeEvent(String requestId, String function) {
    return on(new PoolEvent.Invoke(requestId, function, true, false));
  }

  List<PoolEffect> invokeWithLog(String requestId, String function) {
    return on(new PoolEvent.Invoke(requestId, function, false, true));
  }

  /** The runtime's GET /next, on a connection of its own; returns the request token. */
  String nextRequest() {
    return "next-" + ++requests;
  }

  List<PoolEffect> next(InstanceId instance, String request) {
    return on(new PoolEvent.NextRequested(instance, request, connectionOf(request)));
  }

  List<PoolEffect> next(InstanceId instance) {
    return next(instance, nextRequest());
  }

  List<PoolEffect> respond(InstanceId instance, String requestId, String payload) {
    return on(
        new PoolEvent.ResultPosted(
            instance,
            requestId,
            new Outcome.Succeeded(payload.getBytes(StandardCharsets.UTF_8)),
            "post-" + requestId));
  }

  List<PoolEffect> tick() {
    return on(new PoolEvent.Tick());
  }

  /** The connection a request came on: the same object each time, as the pool compares them. */
  static String connectionOf(String request) {
    return ("connection-of-" + request).intern();
  }

  /** Brings up instance {@code number} of Fib with {@code requestId} run and answered on it. */
  void warmFib(int number, String requestId) {
    invoke(requestId, "Fib");
    next(fib(number));
    respond(fib(number), requestId, "{}");
    next(fib(number));
    assertThat(pool.state(fib(number))).contains(InstanceState.IDLE);
  }

  static Outcome.Stopped stopped(List<PoolEffect> effects) {
    return effects.stream()
        .filter(PoolEffect.WriteLog.class::isInstance)
        .map(effect -> (Outcome.Stopped) ((PoolEffect.WriteLog) effect).outcome())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no WriteLog in " + effects));
  }

  static LogFacts facts(List<PoolEffect> effects) {
    return effects.stream()
        .filter(PoolEffect.WriteLog.class::isInstance)
        .map(effect -> ((PoolEffect.WriteLog) effect).facts())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no WriteLog in " + effects));
  }
}
