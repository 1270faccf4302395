package dev.fanout.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A compare report read into profiles, and a report short of a run refused in one line. */
class ProfileReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode report(boolean sequential, boolean lambda) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("machine").put("cores", 2);
    ArrayNode runs = root.putArray("runs");
    if (sequential) {
      ObjectNode run = run(runs, "sequential", 1, 200);
      task(run, 0, 0, 100, 40.0);
      task(run, 1, 100, 200, null);
    }
    ObjectNode threads = run(runs, "threads", 2, 120);
    task(threads, 0, 0, 100, 40.0);
    task(threads, 1, 0, 100, 40.0);
    if (lambda) {
      ObjectNode run = run(runs, "lambda", 2, 3000);
      run.put("lambdaTarget", "local emulation: function.zip in up to 2 instances");
      // two cold starts sent 10 ms apart, then a warm call with a 20 ms round trip
      lambdaTask(run, 0, 0, 2_120, true, 2_000.0, 100);
      lambdaTask(run, 1, 10, 2_130, true, 1_900.0, 100);
      lambdaTask(run, 0, 2_130, 2_250, false, null, 100);
    }
    return root;
  }

  private static ObjectNode run(ArrayNode runs, String strategy, int workers, double wall) {
    ObjectNode run =
        runs.addObject()
            .put("workload", "scan")
            .put("kind", "IO")
            .put("strategy", strategy)
            .put("workers", workers)
            .put("concurrency", workers)
            .put("wallMillis", wall);
    run.putArray("startupMillis");
    run.putArray("tasks");
    return run;
  }

  private static void task(ObjectNode run, int index, double start, double end, Double cpu) {
    ObjectNode task =
        ((ArrayNode) run.get("tasks"))
            .addObject()
            .put("index", index)
            .put("startMillis", start)
            .put("endMillis", end);
    if (cpu == null) {
      task.putNull("cpuMillis");
    } else {
      task.put("cpuMillis", cpu);
    }
  }

  private static void lambdaTask(
      ObjectNode run,
      int index,
      double start,
      double end,
      boolean cold,
      Double init,
      double handler) {
    ObjectNode task =
        ((ArrayNode) run.get("tasks"))
            .addObject()
            .put("index", index)
            .put("startMillis", start)
            .put("endMillis", end)
            .put("coldStart", cold)
            .put("durationMillis", handler)
            .put("memorySizeMB", 512);
    if (init == null) {
      task.putNull("initMillis");
    } else {
      task.put("initMillis", init);
    }
  }

  @Test
  void aReport_becomesTheTasksWork_theRuns_andWhatLambdaMeasured() {
    Profile profile = ProfileReader.read(report(true, true)).getFirst();

    assertThat(profile.workload()).isEqualTo("scan");
    assertThat(profile.cores()).isEqualTo(2);
    assertThat(profile.loadAverage()).isNull();
    assertThat(profile.work()).containsExactly(new TaskWork(40, 60), new TaskWork(0, 100));
    assertThat(profile.runs())
        .extracting(Profile.MeasuredRun::strategy)
        .containsExactly("sequential", "threads", "lambda");
    Profile.LambdaMeasure lambda = profile.lambda();
    assertThat(lambda.overheadMillis()).isEqualTo(20.0);
    // the cold calls' walls (2,120 ms) less the task's own work (100 ms) and a round trip (20 ms)
    assertThat(lambda.coldStartMillis()).isEqualTo(2_000.0);
    assertThat(lambda.issuePerSecond()).isCloseTo(100.0, within(1e-9));
    assertThat(lambda.memoryMB()).isEqualTo(512);
    assertThat(lambda.instances()).isEqualTo(2);
    assertThat(lambda.local()).isTrue();
  }

  @Test
  void theInvokersPace_isOneInvocationPerItsMeasuredSendingTime_whenTheReportHasIt() {
    ObjectNode report = report(true, true);
    for (JsonNode run : report.get("runs")) {
      if (run.get("strategy").asText().equals("lambda")) {
        ((ObjectNode) run).put("issueMillis", 0.125);
      }
    }

    Profile.LambdaMeasure lambda = ProfileReader.read(report).getFirst().lambda();

    // 8,000 a second, not the first wave's 100: no instance limit holds the sending thread back
    assertThat(lambda.issuePerSecond()).isCloseTo(8_000.0, within(1e-6));
  }

  @Test
  void aTasksWork_isTheSequentialRuns_andACpuUnitsIsItsCpuTimeAlone() {
    ObjectNode report = report(true, true);
    ((ObjectNode) report.get("runs").get(1).get("tasks").get(1)).put("endMillis", 80);
    for (JsonNode run : report.get("runs")) {
      ((ObjectNode) run).put("kind", "CPU");
    }

    Profile profile = ProfileReader.read(report).getFirst();

    // the first task computed 40 ms of its 100 (other threads had the core the rest of the time);
    // the second's CPU time was not measured: all of its time
    assertThat(profile.work()).containsExactly(new TaskWork(40, 0), new TaskWork(100, 0));
  }

  @Test
  void tasksWithTheSameInput_doTheSameWork_theMedianOfTheirs() {
    ObjectNode report = report(true, true);
    ObjectNode sequential = (ObjectNode) report.get("runs").get(0);
    task(sequential, 2, 200, 260, 2.0);
    task(sequential, 3, 260, 460, 2.0); // stalled: 200 ms where the same page took 60 and 70
    task(sequential, 4, 460, 530, 4.0);
    for (int i = 2; i <= 4; i++) {
      ((ObjectNode) sequential.get("tasks").get(i)).putObject("input").put("page", "a");
    }

    List<TaskWork> work = ProfileReader.read(report).getFirst().work();

    // the median CPU time (2, 2, 4 ms) and the median wait (58, 198, 66 ms)
    assertThat(work.subList(2, 5)).containsOnly(new TaskWork(2, 66));
    assertThat(work.subList(0, 2)).containsExactly(new TaskWork(40, 60), new TaskWork(0, 100));
  }

  @Test
  void eachRun_hasItsShape_itsStartUp_andTheSequentialRunsDispatch() {
    ObjectNode report = report(true, true);
    ObjectNode sequential = (ObjectNode) report.get("runs").get(0);
    ((ObjectNode) sequential.get("tasks").get(1)).put("startMillis", 102).put("endMillis", 200);
    ObjectNode virtual = run((ArrayNode) report.get("runs"), "virtual", 2, 150);
    virtual.put("workers", 160).put("concurrency", 160);
    task(virtual, 0, 3, 100, null);
    task(virtual, 1, 4, 110, null);

    List<Profile.MeasuredRun> runs = ProfileReader.read(report).getFirst().runs();

    Profile.MeasuredRun measured = runs.get(3);
    assertThat(measured.strategy()).isEqualTo("virtual");
    // one lane per task, computing on a carrier per core
    assertThat(measured.shape()).isEqualTo(new MachineModel.Shape(160, 2));
    assertThat(measured.costs()).isEqualTo(new MachineModel.Costs(3, 2, 0, 0));
    assertThat(runs.get(1).shape()).isEqualTo(new MachineModel.Shape(2, 2));
  }

  @Test
  void virtualThreadsThatOnlyCompute_holdACarrierEach() {
    ObjectNode run = JSON.createObjectNode().put("strategy", "virtual").put("workers", 35);
    run.put("concurrency", 35);

    assertThat(RunCosts.shape(run, "CPU", 2)).isEqualTo(new MachineModel.Shape(2, 2));
    assertThat(RunCosts.shape(run, "IO", 2)).isEqualTo(new MachineModel.Shape(35, 2));
  }

  @Test
  void workerJvms_theirPipesRoundTrip_andFirstCall_areWhatTheWorkersOwnClocksLeaveOut() {
    ObjectNode report = report(true, true);
    ObjectNode processes = run((ArrayNode) report.get("runs"), "processes", 2, 900);
    // the workers' first tasks took 500 ms by their own clocks and 520 ms on the orchestrator's
    // side (each task's work: 100 ms); the second ones 101 ms, and 3 ms more over the pipe
    workerTask(processes, 0, "pid 1", 1, 521, 500);
    workerTask(processes, 1, "pid 2", 1, 521, 500);
    workerTask(processes, 0, "pid 1", 521, 625, 101);
    workerTask(processes, 1, "pid 2", 521, 625, 101);
    workerTask(processes, 0, "pid 1", 625, 729, 101);

    Profile.MeasuredRun measured = ProfileReader.read(report).getFirst().runs().get(3);

    // the median round trip is 3 ms; the first calls: 520 - 3 - 100
    assertThat(measured.costs()).isEqualTo(new MachineModel.Costs(1, 0, 3, 417));
  }

  @Test
  void theCoresAsProbedAroundARun_areTheMachineItHad() {
    ObjectNode report = report(true, true);
    ((ObjectNode) report.get("runs").get(1))
        .putObject("coreShare")
        .put("oneThread", 0.9)
        .put("eachOfAllCores", 0.5);

    List<Profile.MeasuredRun> runs = ProfileReader.read(report).getFirst().runs();

    assertThat(runs.get(1).machine()).isEqualTo(new MachineModel.Machine(2, 0.9, 0.5));
    assertThat(runs.get(0).machine()).as("not probed").isNull();
  }

  private static void workerTask(
      ObjectNode run, int index, String lane, double start, double end, double workerMillis) {
    task(run, index, start, end, 1.0);
    ObjectNode task = (ObjectNode) run.get("tasks").get(run.get("tasks").size() - 1);
    task.put("lane", lane).put("workerMillis", workerMillis);
  }

  @Test
  void aReportWithoutASequentialRun_namesTheRunToAdd() {
    JsonNode report = report(false, true);

    assertThatThrownBy(() -> ProfileReader.read(report))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no sequential run of scan: run compare with --strategies")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aReportWithoutALambdaRun_namesTheRunToAdd() {
    assertThatThrownBy(() -> ProfileReader.read(report(true, false)))
        .hasMessageStartingWith("no lambda run of scan: run compare with --strategies");
  }

  @Test
  void aReportWithoutRuns_saysHowToWriteOne() {
    assertThatThrownBy(() -> ProfileReader.read(JSON.createObjectNode()))
        .hasMessageContaining("compare --json");
  }

  @Test
  void aRunWithOneLanePerTask_getsOnePerTaskAtAnyScale() {
    Profile.MeasuredRun virtual = new Profile.MeasuredRun("virtual", 160, 160, 200, 0);
    Profile.MeasuredRun threads = new Profile.MeasuredRun("threads", 5, 160, 1800, 0);

    assertThat(List.of(virtual.shapeFor(10_000).lanes(), threads.shapeFor(10_000).lanes()))
        .containsExactly(10_000L, 5L);
  }
}
