package dev.fanout.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReportLineTest {

  @Test
  void coldStartLine_isParsedWhole() {
    String log =
        "START RequestId: 6f1c Version: $LATEST\n"
            + "END RequestId: 6f1c\n"
            + "REPORT RequestId: 6f1c\tDuration: 12.34 ms\tBilled Duration: 13 ms\t"
            + "Memory Size: 512 MB\tMax Memory Used: 123 MB\tInit Duration: 456.78 ms\t\n";

    ReportLine report = ReportLine.find(log).orElseThrow();

    assertThat(report.requestId()).isEqualTo("6f1c");
    assertThat(report.durationMillis()).isEqualTo(12.34);
    assertThat(report.billedMillis()).isEqualTo(13.0);
    assertThat(report.memorySizeMB()).isEqualTo(512);
    assertThat(report.maxMemoryMB()).isEqualTo(123);
    assertThat(report.initMillis()).isEqualTo(456.78);
    assertThat(report.coldStart()).isTrue();
  }

  @Test
  void warmLine_hasNoInitDuration() {
    String log =
        "REPORT RequestId: a-b\tDuration: 1.00 ms\tBilled Duration: 1 ms\t"
            + "Memory Size: 128 MB\tMax Memory Used: 60 MB\t";

    ReportLine report = ReportLine.find(log).orElseThrow();

    assertThat(report.coldStart()).isFalse();
    assertThat(report.initMillis()).isNull();
    assertThat(report.durationMillis()).isEqualTo(1.0);
  }

  @Test
  void logWithoutReport_givesNothing() {
    assertThat(ReportLine.find("START RequestId: x\nEND RequestId: x\n")).isEmpty();
    assertThat(ReportLine.find(null)).isEmpty();
  }

  @Test
  void price_followsGbSecondsAndArchitecture() {
    // 1 s at 1024 MB is one GB-second.
    assertThat(Pricing.invocation(1000, 1024, false))
        .isCloseTo(0.0000166667 + 0.0000002, within(1e-12));
    assertThat(Pricing.invocation(1000, 1024, true))
        .isCloseTo(0.0000133334 + 0.0000002, within(1e-12));
    assertThat(Pricing.invocation(500, 512, false))
        .isCloseTo(0.25 * 0.0000166667 + 0.0000002, within(1e-12));
  }
}
