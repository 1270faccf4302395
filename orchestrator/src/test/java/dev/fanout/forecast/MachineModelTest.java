package dev.fanout.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** This machine's runs: the cores bound computing, the lanes bound everything. */
class MachineModelTest {
  private static final List<TaskWork> CPU = List.of(new TaskWork(100, 0));
  private static final List<TaskWork> IO = List.of(new TaskWork(1, 99));

  @Test
  void cpuWork_onTwoCores_takesHalfItsSum_withTwoLanesOrOnePerTask() {
    assertThat(MachineModel.wallMillis(CPU, 4, 2, 2)).isEqualTo(200.0);
    assertThat(MachineModel.wallMillis(CPU, 4, 4, 2)).isEqualTo(200.0);
    assertThat(MachineModel.wallMillis(CPU, 4, 1, 2)).isEqualTo(400.0);
  }

  @Test
  void waiting_withOneLanePerTask_takesTheLongestTask_untilTheCpuBinds() {
    assertThat(MachineModel.wallMillis(IO, 100, 100, 2)).isEqualTo(100.0);
    assertThat(MachineModel.wallMillis(IO, 1_000, 1_000, 2)).isEqualTo(500.0);
  }

  @Test
  void waiting_onAFewLanes_takesWaves() {
    assertThat(MachineModel.wallMillis(IO, 10, 5, 2)).isEqualTo(200.0);
  }
}
