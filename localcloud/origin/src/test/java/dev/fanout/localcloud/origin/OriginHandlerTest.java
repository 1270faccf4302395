package dev.fanout.localcloud.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginHandlerTest {

  @Test
  void millis_formatsNanosAsMillisecondsWithThreeDecimals() {
    assertThat(OriginHandler.millis(0)).isEqualTo("0.000");
    assertThat(OriginHandler.millis(1_234)).isEqualTo("0.001");
    assertThat(OriginHandler.millis(12_345_678)).isEqualTo("12.345");
    assertThat(OriginHandler.millis(100_050_000)).isEqualTo("100.050");
    assertThat(OriginHandler.millis(-5)).isEqualTo("0.000");
  }
}
