package dev.fanout.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ladder, the break-even and the validation on a hand-made profile. */
class ForecastTest {
  /** A second of CPU per task; threads on two cores; a cold start of 10 s and no round trip. */
  private static Profile cpuSeconds(List<Profile.MeasuredRun> runs) {
    return new Profile(
        "spin",
        "CPU",
        List.of(new TaskWork(1000, 0)),
        runs,
        new Profile.LambdaMeasure(4, 10_000, 0, Double.MAX_VALUE, 1769, List.of(1000.0), true),
        2,
        null);
  }

  private static final List<Profile.MeasuredRun> MEASURED =
      List.of(
          new Profile.MeasuredRun("sequential", 1, 8, 8000, 0),
          new Profile.MeasuredRun("threads", 2, 8, 4000, 0),
          new Profile.MeasuredRun("virtual", 8, 8, 4000, 0),
          new Profile.MeasuredRun("lambda", 4, 8, 12_000, 0));

  private static Forecast.Request request(List<Long> tasks) {
    return new Forecast.Request(tasks, List.of(), Arch.X86_64, null, null, LambdaFigures.AWS);
  }

  @Test
  void breakEven_isTheFirstTaskCountWhereLambdaFinishesFirst() {
    // this machine: n x 1 s on 2 cores = n/2 s; Lambda: 10 s of cold start, then 1 s a wave
    Forecast.Result result =
        Forecast.of(List.of(cpuSeconds(MEASURED)), request(List.of(10L, 100L, 1000L)), false);

    Forecast.BreakEven breakEven = result.breakEven().getFirst();
    assertThat(breakEven.tasks()).isEqualTo(23L);
    assertThat(breakEven.costUsd()).isPositive();
  }

  @Test
  void breakEven_isNull_whenThisMachineIsAlwaysFirst() {
    Profile tiny =
        new Profile(
            "tiny",
            "CPU",
            List.of(new TaskWork(0.01, 0)),
            MEASURED,
            new Profile.LambdaMeasure(4, 10_000, 30, 100, 1024, List.of(1.0), true),
            2,
            null);

    Forecast.Result result = Forecast.of(List.of(tiny), request(Forecast.LADDER), false);

    assertThat(result.breakEven().getFirst().tasks()).isNull();
  }

  @Test
  void theLadder_hasThisMachinesBestStrategy_andLambdaAtEachMemory() {
    Forecast.Request sweep =
        new Forecast.Request(
            List.of(1000L), List.of(512, 1769), Arch.ARM64, 200.0, null, LambdaFigures.AWS);

    Forecast.Result result = Forecast.of(List.of(cpuSeconds(MEASURED)), sweep, false);

    assertThat(result.predictions())
        .extracting(Forecast.Prediction::target, Forecast.Prediction::memoryMB)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Forecast.THIS_MACHINE, null),
            org.assertj.core.groups.Tuple.tuple(Forecast.LAMBDA, 512),
            org.assertj.core.groups.Tuple.tuple(Forecast.LAMBDA, 1769));
    Forecast.Prediction machine = result.predictions().get(0);
    assertThat(machine.strategy()).isIn("threads", "virtual");
    assertThat(machine.wallMillis()).isEqualTo(500_000.0);
    // 1,000 sends at the request rate limit (10 a second per unit of concurrency: the last at
    // 99.9 ms), the given cold start, then one wave: a second at one vCPU, 1769/512 s at 512 MB
    assertThat(result.predictions().get(2).wallMillis()).isCloseTo(99.9 + 200 + 1000, within(1e-6));
    assertThat(result.predictions().get(1).wallMillis())
        .isCloseTo(99.9 + 200 + 1000 * 1769 / 512.0, within(1e-6));
  }

  @Test
  void validation_predictsEveryRun_withTheLimitsItRanUnder() {
    Forecast.Result result =
        Forecast.of(List.of(cpuSeconds(MEASURED)), request(List.of(10L)), true);

    assertThat(result.validation())
        .extracting(Forecast.Validation::strategy)
        .containsExactly("sequential", "threads", "virtual", "lambda");
    // 8 tasks of a second on 4 instances sharing 2 cores: a cold start, then two waves of 2 s
    Forecast.Validation lambda = result.validation().get(3);
    assertThat(lambda.predictedMillis()).isEqualTo(10_000 + 2 * 2000.0);
    assertThat(lambda.error()).isCloseTo(14_000 / 12_000.0 - 1, within(1e-9));
    assertThat(lambda.cores()).isNull();
    assertThat(result.validation().subList(0, 3))
        .allSatisfy(run -> assertThat(run.error()).isZero());
  }

  @Test
  void validation_givesAComputingRunTheCoresItsProbeFound_andAWaitingOneWholeCores() {
    MachineModel.Machine halfTaken = new MachineModel.Machine(2, 0.5, 0.5);
    Profile.MeasuredRun threads =
        new Profile.MeasuredRun(
            "threads",
            new MachineModel.Shape(2, 2),
            8,
            8000,
            0,
            MachineModel.Costs.NONE,
            halfTaken);
    List<Profile.MeasuredRun> runs = List.of(MEASURED.getFirst(), threads, MEASURED.getLast());
    Profile computing = cpuSeconds(runs);
    Profile waiting =
        new Profile(
            "sleep", "WAIT", List.of(new TaskWork(0, 1000)), runs, computing.lambda(), 2, null);

    Forecast.Validation computed = Forecast.validate(computing).get(1);
    Forecast.Validation waited = Forecast.validate(waiting).get(1);

    assertThat(computed.predictedMillis()).isEqualTo(8000.0);
    assertThat(computed.cores()).isEqualTo(1.0);
    assertThat(waited.predictedMillis()).isEqualTo(4000.0);
    assertThat(waited.cores()).isEqualTo(2.0);
  }
}
