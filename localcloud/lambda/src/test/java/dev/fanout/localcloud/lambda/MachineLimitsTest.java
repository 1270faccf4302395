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
  void memory_capsInstancesOnSmallMachines() {
    MachineLimits limits = new MachineLimits(16, 2 * GB);

    assertThat(limits.maxInstances()).isEqualTo(4);
    assertThat(limits.defaultInstancesPerFunction()).isEqualTo(4);
    assertThat(new MachineLimits(1, GB / 2).defaultInstancesPerFunction()).isEqualTo(1);
  }
}
