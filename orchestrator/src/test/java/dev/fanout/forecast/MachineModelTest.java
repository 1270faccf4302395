package dev.fanout.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fanout.forecast.MachineModel.Costs;
import dev.fanout.forecast.MachineModel.Machine;
import dev.fanout.forecast.MachineModel.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * This machine's runs as schedules: the cores bound computing, the lanes bound everything, and each
 * cost lands where the strategy pays it.
 */
class MachineModelTest {
  private static final List<TaskWork> CPU = List.of(new TaskWork(100, 0));
  private static final List<TaskWork> WAITING = List.of(new TaskWork(0, 100));
  private static final Machine TWO_CORES = Machine.alone(2);

  private static double wall(List<TaskWork> work, long tasks, Shape shape) {
    return wall(work, tasks, shape, Costs.NONE, TWO_CORES);
  }

  private static double wall(
      List<TaskWork> work, long tasks, Shape shape, Costs costs, Machine machine) {
    return MachineModel.wallMillis(work, tasks, shape, costs, machine);
  }

  @Test
  void computing_onTwoCores_takesHalfItsSum_onTwoThreadsOrFour_andItsSumOnOne() {
    assertThat(wall(CPU, 4, new Shape(2, 2))).isEqualTo(200.0);
    assertThat(wall(CPU, 4, new Shape(4, 4))).isEqualTo(200.0);
    assertThat(wall(CPU, 4, new Shape(1, 1))).isEqualTo(400.0);
  }

  @Test
  void aLongTaskLast_endsSoonerOnThreadsThatShareTheCores_thanOnCarriersItWaitsFor() {
    List<TaskWork> longLast =
        List.of(
            new TaskWork(10, 0),
            new TaskWork(10, 0),
            new TaskWork(10, 0),
            new TaskWork(10, 0),
            new TaskWork(40, 0));

    // five threads share two cores: the short ones end at 25 ms, the long one has 30 ms left
    assertThat(wall(longLast, 5, new Shape(5, 5))).isCloseTo(55.0, within(1e-9));
    // two carriers take the tasks in turn: the long one starts at 20 ms
    assertThat(wall(longLast, 5, new Shape(2, 2))).isCloseTo(60.0, within(1e-9));
    // one event loop computes everything in turn, however many tasks are in flight
    assertThat(wall(longLast, 5, new Shape(5, 1))).isCloseTo(80.0, within(1e-9));
  }

  @Test
  void waiting_withOneLanePerTask_takesTheLongestWait_onAFewLanes_takesWaves() {
    assertThat(wall(WAITING, 100, new Shape(100, 2))).isEqualTo(100.0);
    assertThat(wall(WAITING, 10, new Shape(5, 5))).isEqualTo(200.0);
  }

  @Test
  void requestsInFlight_computeBeforeAndAfterTheirWait_inTurnOnTheCarriers() {
    List<TaskWork> request = List.of(new TaskWork(1, 99));

    // alone: half its CPU time, its wait, the other half
    assertThat(wall(request, 1, new Shape(1, 1))).isCloseTo(100.0, within(1e-9));
    // ten at once on two carriers: the last sends at 2.5 ms; the answers come 0.25 ms apart and
    // take 0.5 ms each on one of two carriers, so none queues: 2.5 + 99 + 0.5
    assertThat(wall(request, 10, new Shape(10, 2))).isCloseTo(102.0, within(1e-9));
  }

  @Test
  void theStartUp_isPaidOnce_theDispatchOnEachTasksLane() {
    List<TaskWork> work = List.of(new TaskWork(10, 0));
    Shape twoThreads = new Shape(2, 2);

    assertThat(wall(work, 4, twoThreads, new Costs(5, 0, 0, 0), TWO_CORES))
        .isCloseTo(25.0, within(1e-9));
    assertThat(wall(work, 4, twoThreads, new Costs(5, 1, 0, 0), TWO_CORES))
        .isCloseTo(27.0, within(1e-9));
  }

  @Test
  void aWorkerJvm_waitsOnItsPipeForEachTask_andOnItsFirstCallOnce() {
    List<TaskWork> work = List.of(new TaskWork(10, 0));
    Shape twoWorkers = new Shape(2, 2);

    // each task: 5 ms computing, 2 ms on the pipe, 5 ms computing; two a worker
    assertThat(wall(work, 4, twoWorkers, new Costs(0, 0, 2, 0), TWO_CORES))
        .isCloseTo(24.0, within(1e-9));
    // and each worker's first task 7 ms longer
    assertThat(wall(work, 4, twoWorkers, new Costs(0, 0, 2, 7), TWO_CORES))
        .isCloseTo(31.0, within(1e-9));
  }

  @Test
  void aShareOfTheCores_slowsComputing_andNeverWaiting() {
    Machine shared = new Machine(2, 0.5, 0.25);

    assertThat(wall(CPU, 1, new Shape(1, 1), Costs.NONE, shared)).isEqualTo(200.0);
    assertThat(wall(CPU, 2, new Shape(2, 2), Costs.NONE, shared)).isEqualTo(400.0);
    assertThat(wall(WAITING, 2, new Shape(2, 2), Costs.NONE, shared)).isEqualTo(100.0);
  }

  @Test
  void pastTheScheduledTasks_theSchedulesPaceCarriesOn() {
    List<TaskWork> work = List.of(new TaskWork(1, 0));

    assertThat(wall(work, 250_000, new Shape(1, 1), new Costs(10, 0, 0, 0), TWO_CORES))
        .isCloseTo(250_010.0, within(1e-6));
    assertThat(wall(work, 1_000_000, new Shape(4, 4))).isCloseTo(500_000.0, within(1e-6));
  }

  @Test
  void tasksThatTookNoTime_endWithTheStartUp() {
    List<TaskWork> nothing = List.of(new TaskWork(0, 0));

    assertThat(wall(nothing, 3, new Shape(1, 1), new Costs(4, 0, 0, 0), TWO_CORES)).isEqualTo(4.0);
  }

  @Test
  void theCoresACountOfThreadsGets_countOneAloneAndEachOfAll() {
    Machine shared = new Machine(2, 0.9, 0.5);

    assertThat(shared.coresFor(1)).isEqualTo(0.9);
    assertThat(shared.coresFor(6)).isEqualTo(1.0);
    assertThat(shared.perThread(4)).isEqualTo(0.25);
  }
}
