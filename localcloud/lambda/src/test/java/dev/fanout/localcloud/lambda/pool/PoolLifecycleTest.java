package dev.fanout.localcloud.lambda.pool;

import static dev.fanout.localcloud.lambda.pool.PoolHarness.IDLE;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.facts;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.fib;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.nap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's ordinary life: cold starts, warm reuse, throttles, queues, reclaim, shutdown. */
class PoolLifecycleTest {
  private final PoolHarness harness = new PoolHarness();
  private final Pool pool = harness.pool;

  @Test
  void coldStart_launchesAnInstance_deliversAtItsFirstNext_andReportsTheInit() {
    assertThat(harness.invoke("r1", "Fib")).containsExactly(new PoolEffect.Launch(fib(1)));
    assertThat(pool.state(fib(1))).contains(InstanceState.STARTING);
    assertThat(pool.state("r1")).contains(InvocationState.ASSIGNED);

    harness.advance(Duration.ofMillis(800));
    String next = harness.nextRequest();
    assertThat(harness.next(fib(1), next))
        .containsExactly(new PoolEffect.Deliver(fib(1), "r1", next, true));
    assertThat(pool.state(fib(1))).contains(InstanceState.BUSY);
    assertThat(pool.state("r1")).contains(InvocationState.DELIVERED);
    assertThat(pool.runningInvocations("Fib")).isEqualTo(1);

    harness.advance(Duration.ofMillis(5));
    List<PoolEffect> answered = harness.respond(fib(1), "r1", "{\"fib\":5}");
    assertThat(answered.get(0)).isEqualTo(new PoolEffect.Acknowledge("post-r1", "r1", true));
    assertThat(answered.get(1)).isInstanceOf(PoolEffect.Answer.class);
    assertThat(pool.state("r1")).contains(InvocationState.ANSWERED);
    assertThat(pool.state(fib(1))).contains(InstanceState.IDLE);

    // The log ends when the runtime asks again: what it printed after answering is in it.
    List<PoolEffect> logged = harness.next(fib(1));
    LogFacts facts = facts(logged);
    assertThat(facts.cold()).isTrue();
    assertThat(facts.initMillis()).isEqualTo(800.0);
    assertThat(facts.durationMillis()).isEqualTo(5.0);
    assertThat(((PoolEffect.WriteLog) logged.get(0)).answer()).isFalse();
    assertThat(pool.state("r1")).isEmpty();
  }

  @Test
  void warmReuse_theIdleInstanceTakesTheNextInvocation_withNoInit() {
    harness.warmFib(1, "r1");
    String next = harness.nextRequest();
    harness.next(fib(1), next);

    assertThat(harness.invoke("r2", "Fib"))
        .containsExactly(new PoolEffect.Deliver(fib(1), "r2", next, false));
    harness.respond(fib(1), "r2", "{}");
    LogFacts facts = facts(harness.next(fib(1)));
    assertThat(facts.cold()).isFalse();
    assertThat(facts.initMillis()).isNaN();
    assertThat(pool.liveInstances("Fib")).isEqualTo(1);
  }

  @Test
  void warmReuse_beforeTheRuntimeAsksAgain_waitsForItsNext_ratherThanStartingAnother() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    harness.respond(fib(1), "r1", "{}");

    assertThat(harness.invoke("r2", "Fib")).isEmpty(); // assigned to Fib-1, not delivered yet
    assertThat(pool.state("r2")).contains(InvocationState.ASSIGNED);
    String next = harness.nextRequest();
    List<PoolEffect> effects = harness.next(fib(1), next);
    assertThat(effects.get(0)).isInstanceOf(PoolEffect.WriteLog.class); // r1's log ends first
    assertThat(effects.get(1)).isEqualTo(new PoolEffect.Deliver(fib(1), "r2", next, false));
  }

  @Test
  void atItsConcurrency_aFunctionThrottles_namingReservedConcurrencyWhenItHasIt() {
    harness.invoke("r1", "Fib");
    harness.invoke("r2", "Fib");
    assertThat(harness.invoke("r3", "Fib"))
        .containsExactly(new PoolEffect.Refuse("r3", Refusal.FUNCTION_CONCURRENCY));
    assertThat(pool.state("r3")).isEmpty();

    harness.invoke("n1", "Nap");
    assertThat(harness.invoke("n2", "Nap"))
        .containsExactly(new PoolEffect.Refuse("n2", Refusal.RESERVED_CONCURRENCY));
  }

  @Test
  void atItsConcurrency_anEventWaitsInTheQueue_andRunsWhenAnInstanceFrees() {
    harness.invoke("n1", "Nap");
    harness.next(nap(1));
    assertThat(harness.invokeEvent("e1", "Nap")).containsExactly(new PoolEffect.Accept("e1"));
    assertThat(pool.state("e1")).contains(InvocationState.QUEUED);
    assertThat(pool.queuedEvents("Nap")).isEqualTo(1);

    harness.respond(nap(1), "n1", "{}");
    assertThat(pool.state("e1")).contains(InvocationState.ASSIGNED);
    String next = harness.nextRequest();
    assertThat(harness.next(nap(1), next))
        .contains(new PoolEffect.Deliver(nap(1), "e1", next, false));
  }

  @Test
  void aFullQueue_refusesTheEvent() {
    PoolHarness small = new PoolHarness(3, 1);
    small.invoke("n1", "Nap");
    small.invokeEvent("e1", "Nap");
    assertThat(small.invokeEvent("e2", "Nap"))
        .containsExactly(new PoolEffect.Refuse("e2", Refusal.RESERVED_CONCURRENCY));
  }

  @Test
  void atTheServiceCapacity_theLongestIdleInstanceOfAnotherFunctionMakesRoom() {
    PoolHarness two = new PoolHarness(2, 10);
    two.invoke("r1", "Fib");
    two.invoke("r2", "Fib");
    two.next(fib(1));
    two.next(fib(2));
    two.respond(fib(1), "r1", "{}");
    two.respond(fib(2), "r2", "{}");
    two.next(fib(1));
    two.advance(Duration.ofSeconds(1));
    two.next(fib(2)); // both idle, Fib-1 the longest

    assertThat(two.invoke("n1", "Nap"))
        .containsExactly(new PoolEffect.Kill(fib(1)), new PoolEffect.Launch(nap(1)));
    assertThat(two.pool.state(fib(1))).contains(InstanceState.GONE);
    assertThat(two.pool.liveInstances("Fib")).isEqualTo(1);
  }

  @Test
  void atTheServiceCapacity_withNoIdleInstanceToStop_theInvocationIsThrottled() {
    PoolHarness one = new PoolHarness(1, 10);
    one.invoke("r1", "Fib");
    assertThat(one.invoke("n1", "Nap"))
        .containsExactly(new PoolEffect.Refuse("n1", Refusal.SERVICE_CAPACITY));
  }

  @Test
  void idleReclaim_stopsAnInstanceIdleForTheKeepAlive_andTheNextCallIsCold() {
    harness.warmFib(1, "r1");
    long idleSince = harness.now();
    assertThat(pool.nextDeadline()).hasValue(idleSince + IDLE.toNanos());

    harness.advance(IDLE.minusMillis(1));
    assertThat(harness.tick()).isEmpty();
    harness.advance(Duration.ofMillis(1));
    assertThat(harness.tick()).containsExactly(new PoolEffect.Kill(fib(1)));
    assertThat(pool.state(fib(1))).contains(InstanceState.GONE);
    assertThat(pool.liveInstances("Fib")).isZero();
    assertThat(harness.on(new PoolEvent.Exited(fib(1), 137)))
        .containsExactly(new PoolEffect.Release(fib(1)));

    assertThat(harness.invoke("r2", "Fib")).containsExactly(new PoolEffect.Launch(fib(2)));
    String next = harness.nextRequest();
    assertThat(harness.next(fib(2), next))
        .containsExactly(new PoolEffect.Deliver(fib(2), "r2", next, true));
  }

  @Test
  void anInstanceLaunchedAfterItWasGivenUp_isKilled() {
    harness.invoke("r1", "Fib");
    harness.on(new PoolEvent.Shutdown());
    assertThat(harness.on(new PoolEvent.Launched(fib(1))))
        .containsExactly(new PoolEffect.Kill(fib(1)));
    assertThat(harness.on(new PoolEvent.Launched(fib(9)))).isEmpty();
  }

  @Test
  void shutdown_stopsEveryInstance_failsWhatRuns_dropsTheQueue_andRefusesNewCalls() {
    harness.warmFib(1, "r1");
    harness.invoke("r2", "Fib"); // running on Fib-1
    harness.invoke("n1", "Nap"); // Nap-1 starting
    harness.invokeEvent("e1", "Nap"); // queued

    List<PoolEffect> effects = harness.on(new PoolEvent.Shutdown());

    assertThat(effects)
        .filteredOn(PoolEffect.Kill.class::isInstance)
        .containsExactly(new PoolEffect.Kill(fib(1)), new PoolEffect.Kill(nap(1)));
    assertThat(effects)
        .filteredOn(PoolEffect.Answer.class::isInstance)
        .extracting(effect -> ((PoolEffect.Answer) effect).requestId())
        .containsExactly("r2", "n1");
    assertThat(PoolHarness.stopped(effects).errorMessage())
        .isEqualTo(
            "RequestId: r2 Error: Runtime exited with error: the local Lambda service stopped");
    assertThat(pool.state("e1")).isEmpty();
    assertThat(pool.queuedEvents("Nap")).isZero();
    assertThat(harness.invoke("r3", "Fib"))
        .containsExactly(new PoolEffect.Refuse("r3", Refusal.SHUTTING_DOWN));
    assertThat(harness.next(fib(1))).isEmpty(); // a runtime asking now is left waiting
  }

  @Test
  void nextDeadline_isTheEarliestOfTimeoutGraceInitAndReclaim() {
    assertThat(pool.nextDeadline()).isEmpty();
    long start = harness.now();
    harness.invoke("r1", "Fib");
    assertThat(pool.nextDeadline())
        .hasValue(start + PoolLimits.INIT_LIMIT.plus(PoolHarness.TIMEOUT).toNanos());

    harness.advance(Duration.ofSeconds(1));
    harness.next(fib(1));
    assertThat(pool.nextDeadline()).hasValue(harness.now() + PoolHarness.TIMEOUT.toNanos());

    harness.respond(fib(1), "r1", "{}");
    assertThat(pool.nextDeadline()).hasValue(harness.now() + PoolLimits.FINISH_GRACE.toNanos());
  }

  @Test
  void anUnknownFunction_isABug_notAThrottle() {
    assertThatThrownBy(() -> harness.invoke("r1", "Nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Nope")
        .hasMessageContaining("[Fib, Nap]");
  }
}
