package dev.fanout.localcloud.lambda.pool;

import static dev.fanout.localcloud.lambda.pool.PoolHarness.TIMEOUT;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.connectionOf;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.facts;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.fib;
import static dev.fanout.localcloud.lambda.pool.PoolHarness.stopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What goes wrong, decided as Lambda decides it: timeouts, deaths, bad runtimes. */
class PoolFailureTest {
  private final PoolHarness harness = new PoolHarness();
  private final Pool pool = harness.pool;

  @Test
  void invocationTimeout_answersSandboxTimedout_logsFirst_thenKills_andTheNextCallIsCold() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    harness.advance(TIMEOUT.minusMillis(1));
    assertThat(harness.tick()).isEmpty();

    harness.advance(Duration.ofMillis(1));
    List<PoolEffect> effects = harness.tick();

    assertThat(effects).hasSize(3);
    assertThat(effects.get(0)).isInstanceOf(PoolEffect.Answer.class);
    assertThat(effects.get(1)).isInstanceOf(PoolEffect.WriteLog.class);
    assertThat(effects.get(2)).isEqualTo(new PoolEffect.Kill(fib(1)));
    assertThat(stopped(effects))
        .isEqualTo(
            new Outcome.Stopped(
                "Sandbox.Timedout", "RequestId: r1 Error: Task timed out after 3.00 seconds"));
    assertThat(facts(effects).status()).isEqualTo("timeout");
    assertThat(facts(effects).timedOut()).isTrue();
    assertThat(pool.state(fib(1))).contains(InstanceState.GONE);

    assertThat(harness.invoke("r2", "Fib")).containsExactly(new PoolEffect.Launch(fib(2)));
  }

  @Test
  void invocationTimeout_ofACallerWaitingForTheLog_answersItWithTheLog() {
    harness.invokeWithLog("r1", "Fib");
    harness.next(fib(1));
    harness.advance(TIMEOUT);
    List<PoolEffect> effects = harness.tick();

    assertThat(effects).noneMatch(PoolEffect.Answer.class::isInstance);
    assertThat(((PoolEffect.WriteLog) effects.get(0)).answer()).isTrue();
  }

  @Test
  void initTimeout_failsTheColdStartsInvocation_andKillsTheInstance() {
    harness.invoke("r1", "Fib");
    harness.advance(PoolLimits.INIT_LIMIT.plus(TIMEOUT));
    List<PoolEffect> effects = harness.tick();

    assertThat(stopped(effects).errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(effects).contains(new PoolEffect.Kill(fib(1)));
    // It never ran: the init it waited for is what the REPORT line tells.
    assertThat(facts(effects).initMillis())
        .isEqualTo(PoolLimits.INIT_LIMIT.plus(TIMEOUT).toMillis(), offset(0.001));
  }

  @Test
  void instanceDeathMidInvocation_failsThatInvocationWithRuntimeExitError_andReleasesIt() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    List<PoolEffect> effects = harness.on(new PoolEvent.Exited(fib(1), 128 + 9));

    assertThat(stopped(effects))
        .isEqualTo(
            new Outcome.Stopped(
                "Runtime.ExitError",
                "RequestId: r1 Error: Runtime exited with error: signal: killed"));
    assertThat(effects.get(effects.size() - 1)).isEqualTo(new PoolEffect.Release(fib(1)));
    assertThat(pool.state(fib(1))).isEmpty();
    assertThat(pool.liveInstances("Fib")).isZero();
  }

  @Test
  void nextPendingWhenTheInstanceDies_isNeverGivenTheNextEvent() {
    harness.warmFib(1, "r1");
    String next = harness.nextRequest();
    harness.next(fib(1), next);

    harness.on(new PoolEvent.NextAbandoned(fib(1), next)); // its connection closed: it is dying
    assertThat(harness.invoke("r2", "Fib")).containsExactly(new PoolEffect.Launch(fib(2)));
    assertThat(harness.on(new PoolEvent.Exited(fib(1), 137)))
        .containsExactly(new PoolEffect.Release(fib(1)));
    assertThat(pool.state("r2")).contains(InvocationState.ASSIGNED);
  }

  @Test
  void anEventWrittenToADeadRuntime_isRequeuedWhenItsInstanceExits() {
    harness.warmFib(1, "r1");
    String next = harness.nextRequest();
    harness.next(fib(1), next);
    harness.invoke("r2", "Fib"); // delivered into a connection that turns out closed
    assertThat(harness.on(new PoolEvent.DeliveryFailed(fib(1), "r2"))).isEmpty();
    assertThat(pool.state("r2")).contains(InvocationState.ASSIGNED);

    List<PoolEffect> effects = harness.on(new PoolEvent.Exited(fib(1), 137));

    assertThat(effects)
        .containsExactly(new PoolEffect.Launch(fib(2)), new PoolEffect.Release(fib(1)));
    String fresh = harness.nextRequest();
    assertThat(harness.next(fib(2), fresh))
        .containsExactly(new PoolEffect.Deliver(fib(2), "r2", fresh, true));
  }

  @Test
  void anEventTheRuntimeNeverRead_resetOnItsConnection_isRequeuedOnce() {
    harness.warmFib(1, "r1");
    String next = harness.nextRequest();
    harness.next(fib(1), next);
    harness.invoke("r2", "Fib");
    harness.on(new PoolEvent.RuntimeDisconnected(fib(1), connectionOf(next), true));

    assertThat(harness.on(new PoolEvent.Exited(fib(1), 137)))
        .containsExactly(new PoolEffect.Launch(fib(2)), new PoolEffect.Release(fib(1)));

    // The second instance dies unread too: this time the invocation fails.
    String second = harness.nextRequest();
    harness.next(fib(2), second);
    harness.on(new PoolEvent.RuntimeDisconnected(fib(2), connectionOf(second), true));
    assertThat(stopped(harness.on(new PoolEvent.Exited(fib(2), 137))).errorType())
        .isEqualTo("Runtime.ExitError");
  }

  @Test
  void aResetOnAnotherConnection_doesNotMakeARunningInvocationUnread() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    harness.on(new PoolEvent.RuntimeDisconnected(fib(1), "some-other-connection", true));
    assertThat(stopped(harness.on(new PoolEvent.Exited(fib(1), 137))).errorType())
        .isEqualTo("Runtime.ExitError");
  }

  @Test
  void aRuntimeThatAsksAgainWithoutAnswering_failsTheInvocationWithInvalidResponse() {
    harness.invoke("r1", "Fib");
    harness.invoke("r2", "Fib"); // Fib-2 starting
    harness.next(fib(1));
    List<PoolEffect> effects = harness.next(fib(1));

    assertThat(stopped(effects).errorType()).isEqualTo("Runtime.InvalidResponse");
    assertThat(pool.state(fib(1))).contains(InstanceState.IDLE);
  }

  @Test
  void aPostForAnInvocationTheInstanceIsNotRunning_isRefusedWith400() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    assertThat(harness.respond(fib(1), "other", "{}"))
        .containsExactly(new PoolEffect.Acknowledge("post-other", "other", false));
    assertThat(pool.state("r1")).contains(InvocationState.DELIVERED);
  }

  @Test
  void aResponseOver6Mb_becomesResponseSizeTooLarge() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    byte[] huge = new byte[PoolLimits.MAX_RESPONSE_BYTES + 1];
    List<PoolEffect> effects =
        harness.on(new PoolEvent.ResultPosted(fib(1), "r1", new Outcome.Succeeded(huge), "post"));

    Outcome answered = ((PoolEffect.Answer) effects.get(1)).outcome();
    assertThat(answered).isInstanceOf(Outcome.Stopped.class);
    assertThat(((Outcome.Stopped) answered).errorType()).isEqualTo("Function.ResponseSizeTooLarge");
  }

  @Test
  void aRuntimeError_isAnsweredAsPosted_andLoggedAfterTheGrace_whenTheRuntimeNeverAsksAgain() {
    harness.invokeWithLog("r1", "Fib");
    harness.next(fib(1));
    byte[] document = "{\"errorType\":\"Boom\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(
            harness.on(
                new PoolEvent.ResultPosted(fib(1), "r1", new Outcome.Failed(document), "post")))
        .containsExactly(new PoolEffect.Acknowledge("post", "r1", true));

    harness.advance(PoolLimits.FINISH_GRACE);
    List<PoolEffect> effects = harness.tick();
    PoolEffect.WriteLog log = (PoolEffect.WriteLog) effects.get(0);
    assertThat(log.answer()).isTrue();
    assertThat(((Outcome.Failed) log.outcome()).document()).isSameAs(document);
  }

  @Test
  void aFailedLaunch_failsItsInvocationWithRuntimeUnknown_andFreesTheSlot() {
    harness.invoke("r1", "Fib");
    List<PoolEffect> effects =
        harness.on(new PoolEvent.LaunchFailed(fib(1), "no java at /nowhere"));

    assertThat(stopped(effects))
        .isEqualTo(
            new Outcome.Stopped(
                "Runtime.Unknown",
                "RequestId: r1 Error: cannot start an instance of Fib: no java at /nowhere"));
    assertThat(effects).endsWith(new PoolEffect.Release(fib(1)));
    assertThat(pool.liveInstances("Fib")).isZero();
  }

  @Test
  void anInitError_isWhatTheColdStartsCallerGets_whenTheRuntimeExits() {
    harness.invoke("r1", "Fib");
    byte[] document = "{\"errorType\":\"BadHandler\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(harness.on(new PoolEvent.InitErrorPosted(fib(1), document, "post")))
        .containsExactly(new PoolEffect.Acknowledge("post", "", true));

    List<PoolEffect> effects = harness.on(new PoolEvent.Exited(fib(1), 1));
    Outcome answered = ((PoolEffect.Answer) effects.get(0)).outcome();
    assertThat(((Outcome.Failed) answered).document()).isSameAs(document);
  }

  @Test
  void anAnsweredInvocationsLog_endsWhenItsInstanceExitsBeforeAskingAgain() {
    harness.invokeWithLog("r1", "Fib");
    harness.next(fib(1));
    harness.respond(fib(1), "r1", "{}");
    assertThat(pool.state("r1")).contains(InvocationState.ANSWERED);

    List<PoolEffect> effects = harness.on(new PoolEvent.Exited(fib(1), 0));

    PoolEffect.WriteLog log = (PoolEffect.WriteLog) effects.get(0);
    assertThat(log.requestId()).isEqualTo("r1");
    assertThat(log.answer()).isTrue();
    assertThat(log.outcome()).isInstanceOf(Outcome.Succeeded.class);
    assertThat(effects).endsWith(new PoolEffect.Release(fib(1)));
    assertThat(pool.state("r1")).isEmpty();
  }

  @Test
  void anIdleInstanceThatDiesBeforeAskingAgain_hasItsAssignedInvocationMovedElsewhere() {
    harness.invoke("r1", "Fib");
    harness.next(fib(1));
    harness.respond(fib(1), "r1", "{}"); // idle, but its runtime has not asked again yet
    harness.invoke("r2", "Fib");
    assertThat(pool.state("r2")).contains(InvocationState.ASSIGNED);

    List<PoolEffect> effects = harness.on(new PoolEvent.Exited(fib(1), 137));

    assertThat(effects).contains(new PoolEffect.Launch(fib(2)));
    assertThat(effects).noneMatch(PoolEffect.Answer.class::isInstance);
    assertThat(pool.state("r2")).contains(InvocationState.ASSIGNED);
  }
}
