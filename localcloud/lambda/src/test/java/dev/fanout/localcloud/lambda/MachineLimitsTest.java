package dev.fanout.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineLimitsTest {
  private static final long GB = 1L << 30;

  @Test
  void fourInstancesPerCore_whenMemoryHoldsThem() {
    MachineLimits limits = new MachineLimits(2, 24 * GB);

    assertThat(limits.defaultInstancesPerFunction()).isEqualTo(8);
    assertThat(limits.maxInstances()).isEqualTo(92);
  }

  @Test
  void aHugeMachine_isHeldToTheHardCap() {
    MachineLimits limits = new MachineLimits(192, 1024 * GB);

    assertThat(limits.maxInstances()).isEqualTo(MachineLimits.HARD_CAP).isEqualTo(1000);
    assertThat(limits.describeMaxInstances())
        .isEqualTo("fanout starts at most 1000 instances on any machine");
  }

  @Test
  void theLimit_saysWhereItComesFrom() {
    assertThat(new MachineLimits(2, 24 * GB).describeMaxInstances())
        .isEqualTo(
            "this machine's 24.0 GB of memory holds 92 instances of 256 MB, after 1 GB for"
                + " everything else");
  }

  @Test
  void memory_capsInstancesOnSmallMachines() {
    MachineLimits limits = new MachineLimits(16, 2 * GB);

    assertThat(limits.maxInstances()).isEqualTo(4);
    assertThat(limits.defaultInstancesPerFunction()).isEqualTo(4);
    assertThat(new MachineLimits(1, GB / 2).defaultInstancesPerFunction()).isEqualTo(1);
  }
}
