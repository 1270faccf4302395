package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OriginRequestDelayTest {

  private static final Duration LATENCY = Duration.ofMillis(100);
  private static final Duration JITTER = Duration.ofMillis(10);

  @Test
  void of_usesTheConfiguredLatencyAndJitterWithoutOverrides() {
    assertThat(RequestDelay.of(null, LATENCY, JITTER)).isEqualTo(new RequestDelay(LATENCY, JITTER));
    assertThat(RequestDelay.of("", LATENCY, JITTER)).isEqualTo(new RequestDelay(LATENCY, JITTER));
    assertThat(RequestDelay.of("tag=a&x", LATENCY, JITTER))
        .isEqualTo(new RequestDelay(LATENCY, JITTER));
  }

  @Test
  void of_delayReplacesTheLatencyAndKeepsTheJitter() {
    assertThat(RequestDelay.of("delay=250", LATENCY, JITTER))
        .isEqualTo(new RequestDelay(Duration.ofMillis(250), JITTER));
  }

  @Test
  void of_jitterZeroTurnsTheJitterOff() {
    assertThat(RequestDelay.of("delay=0&jitter=0", LATENCY, JITTER))
        .isEqualTo(new RequestDelay(Duration.ZERO, Duration.ZERO));
  }

  @Test
  void of_refusesDelaysOutside0To60000NamingTheParameter() {
    for (String query : new String[] {"delay=60001", "delay=-1", "delay=abc", "delay=", "delay"}) {
      assertThatThrownBy(() -> RequestDelay.of(query, LATENCY, JITTER))
          .as(query)
          .isInstanceOf(BadRequest.class)
          .hasMessageContaining("delay");
    }
    assertThatThrownBy(() -> RequestDelay.of("jitter=1e3", LATENCY, JITTER))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("jitter");
    assertThat(RequestDelay.of("delay=60000", LATENCY, JITTER).base())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void sampleNanos_staysWithinBaseAndBasePlusJitter() {
    RequestDelay delay = new RequestDelay(LATENCY, JITTER);
    SplittableRandom random = new SplittableRandom(1);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 10_000; i++) {
      long sample = delay.sampleNanos(random);
      min = Math.min(min, sample);
      max = Math.max(max, sample);
    }

    assertThat(min).isGreaterThanOrEqualTo(LATENCY.toNanos());
    assertThat(max).isLessThanOrEqualTo(LATENCY.plus(JITTER).toNanos());
    // Spread over the range, not stuck at one end.
    assertThat(max - min).isGreaterThan(JITTER.toNanos() / 2);
  }

  @Test
  void sampleNanos_isExactlyTheBaseWithoutJitter() {
    assertThat(new RequestDelay(LATENCY, Duration.ZERO).sampleNanos(new SplittableRandom(2)))
        .isEqualTo(LATENCY.toNanos());
  }
}
