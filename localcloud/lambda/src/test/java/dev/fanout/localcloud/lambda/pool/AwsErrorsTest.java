package dev.fanout.localcloud.lambda.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsErrorsTest {
  @Test
  void exitDescriptions_useAwsWords() {
    assertThat(AwsErrors.exitDescription(137)).isEqualTo("signal: killed");
    assertThat(AwsErrors.exitDescription(143)).isEqualTo("signal: terminated");
    assertThat(AwsErrors.exitDescription(1)).isEqualTo("exit status 1");
  }
}
