package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LambdaLogLinesTest {
  @Test
  void report_hasAwsFieldsInAwsOrder_initDurationOnlyWhenCold() {
    assertThat(LambdaLogLines.report("id-1", 12.341, 512, 123, 456.789, ""))
        .isEqualTo(
            "REPORT RequestId: id-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 123 MB\tInit Duration: 456.79 ms\n");
    assertThat(LambdaLogLines.report("id-2", 3.0, 128, 90, Double.NaN, "timeout"))
        .isEqualTo(
            "REPORT RequestId: id-2\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 90 MB\tStatus: timeout\n");
  }

  @Test
  void billedDuration_roundsUpToTheMillisecond_atLeastOne() {
    assertThat(LambdaLogLines.billedMillis(0.01)).isEqualTo(1);
    assertThat(LambdaLogLines.billedMillis(1.0)).isEqualTo(1);
    assertThat(LambdaLogLines.billedMillis(1.001)).isEqualTo(2);
  }

  @Test
  void startEndAndTimeout_lines() {
    assertThat(LambdaLogLines.start("x")).isEqualTo("START RequestId: x Version: $LATEST\n");
    assertThat(LambdaLogLines.end("x")).isEqualTo("END RequestId: x\n");
    assertThat(LambdaLogLines.timedOut(Instant.parse("2026-01-02T03:04:05.678Z"), "x", 3))
        .isEqualTo("2026-01-02T03:04:05.678Z x Task timed out after 3.00 seconds\n");
  }

  @Test
  void tail_isTheLastFourKilobytesInBase64() {
    String log = "a".repeat(5000) + "END";
    byte[] tail = Base64.getDecoder().decode(LambdaLogLines.tail(log));

    assertThat(tail).hasSize(4096);
    assertThat(new String(tail, StandardCharsets.UTF_8)).endsWith("aEND");
    assertThat(
            new String(
                Base64.getDecoder().decode(LambdaLogLines.tail("short")), StandardCharsets.UTF_8))
        .isEqualTo("short");
  }
}
