package dev.fanout.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The in-flight limit learned from throttles: one test per transition. */
class AdaptiveLimitTest {

  private static List<CompletableFuture<Void>> acquire(AdaptiveLimit limit, int count) {
    List<CompletableFuture<Void>> permits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      permits.add(limit.acquire());
    }
    return permits;
  }

  @Test
  void belowTheLimit_anAttemptGoesAtOnce() {
    AdaptiveLimit limit = new AdaptiveLimit(3);

    assertThat(acquire(limit, 3)).allMatch(CompletableFuture::isDone);
    assertThat(limit.inUse()).isEqualTo(3);
  }

  @Test
  void atTheLimit_anAttemptWaits_untilAnotherIsAnswered() {
    AdaptiveLimit limit = new AdaptiveLimit(2);
    acquire(limit, 2);

    CompletableFuture<Void> third = limit.acquire();
    assertThat(third).isNotDone();
    assertThat(limit.waiting()).isEqualTo(1);

    limit.answered();
    assertThat(third).isDone();
    assertThat(limit.inUse()).isEqualTo(2);
  }

  @Test
  void aThrottle_lowersTheLimitToTheAttemptsStillRunning() {
    AdaptiveLimit limit = new AdaptiveLimit(35);
    acquire(limit, 35);

    limit.throttled(); // 34 still running: the function had room for at most those

    assertThat(limit.limit()).isEqualTo(34);
    for (int i = 0; i < 26; i++) {
      limit.throttled();
    }
    assertThat(limit.limit()).isEqualTo(8);
    assertThat(limit.inUse()).isEqualTo(8);
    CompletableFuture<Void> retry = limit.acquire();
    assertThat(retry).as("a retry waits for a running attempt to end").isNotDone();
  }

  @Test
  void theLimit_neverFallsBelowOne() {
    AdaptiveLimit limit = new AdaptiveLimit(4);
    limit.acquire();

    limit.throttled();

    assertThat(limit.limit()).isEqualTo(1);
    assertThat(limit.acquire()).isDone();
  }

  @Test
  void aWindowOfAnswers_raisesTheLimitByOne_upToTheMaximum() {
    AdaptiveLimit limit = new AdaptiveLimit(4);
    acquire(limit, 3);
    limit.throttled();
    limit.throttled(); // one running: limit 1
    assertThat(limit.limit()).isEqualTo(1);

    limit.answered(); // a window of 1 answer
    assertThat(limit.limit()).isEqualTo(2);
    acquire(limit, 2);
    limit.answered();
    assertThat(limit.limit()).as("half a window").isEqualTo(2);
    limit.answered();
    assertThat(limit.limit()).isEqualTo(3);
    for (int i = 0; i < 20; i++) {
      limit.acquire();
      limit.answered();
    }
    assertThat(limit.limit()).isEqualTo(4);
  }

  @Test
  void waitingAttempts_goInTheOrderTheyCame() {
    AdaptiveLimit limit = new AdaptiveLimit(1);
    limit.acquire();
    CompletableFuture<Void> first = limit.acquire();
    CompletableFuture<Void> second = limit.acquire();

    limit.answered();

    assertThat(first).isDone();
    assertThat(second).isNotDone();
  }

  @Test
  void aLimitNeedsAPermit() {
    assertThatThrownBy(() -> new AdaptiveLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
