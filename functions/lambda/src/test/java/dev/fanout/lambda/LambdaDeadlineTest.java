package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.api.Deadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LambdaDeadlineTest {
  private static final Duration MARGIN = Duration.ofMillis(500);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void deadline_isTheRemainingTimeLessTheMargin_andRunsDown() {
    Deadline deadline = LambdaDeadline.of(new FakeContext(10_000), MARGIN, nanos::get);

    assertThat(deadline.remainingMillis()).isEqualTo(9_500);
    nanos.addAndGet(Duration.ofMillis(2_000).toNanos());
    assertThat(deadline.remainingMillis()).isEqualTo(7_500);
  }

  @Test
  void lessTimeThanTheMargin_leavesNone() {
    assertThat(LambdaDeadline.of(new FakeContext(300), MARGIN, nanos::get).remainingMillis())
        .isZero();
  }

  @Test
  void noRealDeadline_meansNoDeadline() {
    // Quarkus' mock event server sends no deadline; its context reports a meaningless number.
    assertThat(LambdaDeadline.of(null, MARGIN, nanos::get).remainingMillis())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(LambdaDeadline.of(new FakeContext(-5), MARGIN, nanos::get).remainingMillis())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(
            LambdaDeadline.of(new FakeContext(1_000_000_000), MARGIN, nanos::get).remainingMillis())
        .isEqualTo(Long.MAX_VALUE);
  }
}
