package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The run's budget of worker replacements: enough for accidents, not a loop. */
class ReplacementsTest {
  @Test
  void grantsUpToItsLimit_thenRefusesEveryOther() {
    Replacements replacements = new Replacements(2);

    assertThat(replacements.take()).isTrue();
    assertThat(replacements.take()).isTrue();
    assertThat(replacements.take()).isFalse();
    assertThat(replacements.take()).isFalse();
    assertThat(replacements.used()).isEqualTo(2);
  }

  @Test
  void aPool_mayReplaceEachOfItsWorkersOnce_andASmallOneAtLeastThree() {
    assertThat(Replacements.forPool(8).limit()).isEqualTo(8);
    assertThat(Replacements.forPool(1).limit()).isEqualTo(3);
  }

  @Test
  void spent_saysHowManyWereUsed_andWhatToLookAt() {
    Replacements replacements = new Replacements(1);
    replacements.take();

    assertThat(replacements.spent())
        .contains("1 replacement")
        .contains("the most a run allows")
        .contains("--task-timeout");
  }
}
