package dev.fanout.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.UnitJson;
import dev.fanout.units.testing.TestLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong clock = new AtomicLong(123_456_789L);

  /** A deadline on the fake clock that has already passed. */
  private Deadline expired() {
    Deadline deadline = Deadline.after(100, clock::get);
    clock.addAndGet(250 * MS);
    return deadline;
  }

  /** A deadline with {@code okPolls} polls of time left, then none; counts its polls. */
  private static Deadline expiringAfterPolls(int okPolls, AtomicInteger polls) {
    return () -> polls.incrementAndGet() <= okPolls ? 10_000 : 0;
  }

  @Test
  void after_reportsRemainingMillisOnTheInjectedClock() {
    Deadline deadline = Deadline.after(500, clock::get);

    assertThat(deadline.remainingMillis()).isEqualTo(500);
    clock.addAndGet(200 * MS);
    assertThat(deadline.remainingMillis()).isEqualTo(300);
    clock.addAndGet(299 * MS + MS / 2);
    assertThat(deadline.remainingMillis()).isZero();
    clock.addAndGet(10_000 * MS);
    assertThat(deadline.remainingMillis()).isZero();
  }

  @Test
  void after_survivesNanoTimeWrappingPastLongMax() {
    clock.set(Long.MAX_VALUE - 100 * MS);
    Deadline deadline = Deadline.after(500, clock::get);

    assertThat(deadline.remainingMillis()).isEqualTo(500);
    clock.addAndGet(300 * MS); // wraps to a negative nanoTime, as System.nanoTime may
    assertThat(deadline.remainingMillis()).isEqualTo(200);
  }

  @Test
  void none_neverRunsOut() {
    assertThat(Deadline.none().remainingMillis()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void require_passesWithExactlyEnoughTimeAndRefusesWithLess() {
    Deadline deadline = Deadline.after(40, clock::get);

    deadline.require(40, "work");
    assertThatThrownBy(() -> deadline.require(41, "work"))
        .isInstanceOfSatisfying(
            DeadlineExceededException.class,
            e -> assertThat(e.errorType()).isEqualTo("DeadlineExceeded"))
        .hasMessageContaining("work stopped")
        .hasMessageContaining("40 ms left")
        .hasMessageContaining("needs about 41 ms");
  }

  @Test
  void fib_withExpiredDeadlineStopsAtOnce() {
    FibUnit fib = new FibUnit();
    Deadline deadline = expired();

    long started = System.nanoTime();
    assertThatThrownBy(() -> fib.call(UnitJson.parse("test", "{\"n\": 40}"), deadline))
        .isInstanceOfSatisfying(
            DeadlineExceededException.class,
            e -> assertThat(e.errorType()).isEqualTo("DeadlineExceeded"))
        .hasMessageStartingWith("fib(40) stopped: 0 ms left");
    // fib(42) unchecked takes seconds; refusing it must not.
    assertThatThrownBy(() -> fib.run(new FibUnit.Input(42), deadline))
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(System.nanoTime() - started).isLessThan(500 * MS);
  }

  @Test
  void fib_stopsWhenTheDeadlinePassesMidway() {
    AtomicInteger polls = new AtomicInteger();

    assertThatThrownBy(
            () -> new FibUnit().run(new FibUnit.Input(42), expiringAfterPolls(100, polls)))
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(polls).hasValue(101);
  }

  @Test
  void powerloop_withExpiredDeadlineThrows() {
    assertThatThrownBy(
            () ->
                new PowerloopUnit()
                    .call(
                        UnitJson.parse("test", "{\"start\": 1, \"iterations\": 20000000}"),
                        expired()))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageStartingWith("powerloop(1.0) stopped");
  }

  @Test
  void powerloop_stopsWhenTheDeadlinePassesMidway() {
    AtomicInteger polls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new PowerloopUnit()
                    .run(new PowerloopUnit.Input(1, 20_000_000), expiringAfterPolls(3, polls)))
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(polls).hasValue(4);
  }

  @Test
  void sumsq_stopsWhenTheDeadlinePassesMidway() {
    AtomicInteger polls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new SumsqUnit()
                    .run(new SumsqUnit.Input(SumsqUnit.MAX_N), expiringAfterPolls(3, polls)))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageStartingWith("sumsq(200000000) stopped");
    assertThat(polls).hasValue(4);
  }

  @Test
  void nap_longerThanRemainingRefusesBeforeSleeping() {
    Deadline deadline = Deadline.after(100, clock::get);

    long started = System.nanoTime();
    assertThatThrownBy(
            () -> new NapUnit().call(UnitJson.parse("test", "{\"millis\": 5000}"), deadline))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessage(
            "nap(5000 ms) stopped: 100 ms left before the deadline, needs about 5000 ms;"
                + " give it a longer timeout or a smaller input");
    assertThat(System.nanoTime() - started).isLessThan(2_000 * MS);
  }

  @Test
  void nap_asyncLongerThanRemainingFailsBeforeSleeping() throws Exception {
    Deadline deadline = Deadline.after(100, clock::get);
    try (TestLoop loop = TestLoop.named("deadline-loop")) {
      long started = System.nanoTime();
      CompletableFuture<?> result =
          new NapUnit().callAsync(UnitJson.parse("test", "{\"millis\": 5000}"), deadline, loop);

      assertThatThrownBy(() -> result.get(2, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessageStartingWith("nap(5000 ms) stopped: 100 ms left");
      assertThat(System.nanoTime() - started).isLessThan(2_000 * MS);
    }
  }

  @Test
  void nap_withExactlyEnoughTimeLeftSleeps() {
    Deadline deadline = Deadline.after(20, clock::get);

    assertThat(new NapUnit().run(new NapUnit.Input(20), deadline).sleptMillis()).isEqualTo(20);
  }
}
