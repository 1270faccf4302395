package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OriginOptionsTest {

  @Test
  void defaults_areLoopbackEphemeralPortAndNoLatency() {
    OriginOptions options = OriginOptions.defaults();

    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isZero();
    assertThat(options.latency()).isEqualTo(Duration.ZERO);
    assertThat(options.jitter()).isEqualTo(Duration.ZERO);
  }

  @Test
  void withers_changeOneFieldOnly() {
    OriginOptions options =
        OriginOptions.defaults()
            .withPort(8080)
            .withLatency(Duration.ofMillis(100))
            .withJitter(Duration.ofMillis(5))
            .withHost("localhost");

    assertThat(options)
        .isEqualTo(
            new OriginOptions("localhost", 8080, Duration.ofMillis(100), Duration.ofMillis(5)));
  }

  @Test
  void constructor_refusesBadValuesNamingTheField() {
    OriginOptions defaults = OriginOptions.defaults();

    assertThatThrownBy(() -> defaults.withPort(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> defaults.withPort(65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> defaults.withLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency");
    assertThatThrownBy(() -> defaults.withLatency(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency");
    assertThatThrownBy(() -> defaults.withJitter(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter");
    assertThatThrownBy(() -> defaults.withJitter(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter");
    assertThatThrownBy(() -> defaults.withHost(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
    assertThatThrownBy(() -> defaults.withHost(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }
}
