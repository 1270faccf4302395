package dev.fanout.localcloud.lambda.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A mapping AWS would refuse is refused, naming the setting; concurrency keeps both caps. */
class QueueTriggerTest {
  @Test
  void aBatchSizeOutOfRange_isRefused() {
    assertThatThrownBy(() -> trigger(0, 0, OptionalInt.empty()))
        .hasMessageContaining("F.Arrive: BatchSize must be 1..10000, got 0");
    assertThatThrownBy(() -> trigger(10_001, 1, OptionalInt.empty()))
        .hasMessageContaining("BatchSize");
  }

  @Test
  void aBatchAboveTen_needsABatchingWindow_asAwsRequires() {
    assertThatThrownBy(() -> trigger(11, 0, OptionalInt.empty()))
        .hasMessageContaining("MaximumBatchingWindowInSeconds of at least 1");
    assertThat(trigger(11, 1, OptionalInt.empty()).batchSize()).isEqualTo(11);
  }

  @Test
  void aWindowPastFiveMinutes_isRefused() {
    assertThatThrownBy(() -> trigger(10, 301, OptionalInt.empty()))
        .hasMessageContaining("MaximumBatchingWindowInSeconds must be 0..300, got 301");
  }

  @Test
  void maximumConcurrencyOutsideTwoToAThousand_isRefused() {
    assertThatThrownBy(() -> trigger(10, 0, OptionalInt.of(1)))
        .hasMessageContaining("ScalingConfig.MaximumConcurrency must be 2..1000, got 1");
    assertThatThrownBy(() -> trigger(10, 0, OptionalInt.of(1_001))).hasMessageContaining("1001");
  }

  @Test
  void concurrency_isTheSmallerOfMaximumConcurrencyAndTheFunctionsLimit() {
    assertThat(trigger(10, 0, OptionalInt.of(5)).concurrency(8)).isEqualTo(5);
    assertThat(trigger(10, 0, OptionalInt.of(5)).concurrency(3)).isEqualTo(3);
    assertThat(trigger(10, 0, OptionalInt.empty()).concurrency(8)).isEqualTo(8);
  }

  private static QueueTrigger trigger(int batchSize, int windowSeconds, OptionalInt maximum) {
    return new QueueTrigger(
        "F",
        "Arrive",
        "arn:aws:sqs:us-east-1:000000000000:Q",
        "http://127.0.0.1:9324/000000000000/Q",
        Duration.ofSeconds(30),
        batchSize,
        Duration.ofSeconds(windowSeconds),
        false,
        maximum,
        true);
  }
}
