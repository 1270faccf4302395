package dev.fanout.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lambda schedule and its price on hand-made work with answers worked out by hand. */
class LambdaModelTest {
  private static final List<TaskWork> ONE_SECOND_OF_CPU = List.of(new TaskWork(1000, 0));
  private static final double UNLIMITED = 1e12;

  /** AWS's figures, with nothing measured: no init, no overhead, an invoker that never waits. */
  private static LambdaModel.Setup aws(int memoryMB, double initMillis, LambdaFigures figures) {
    return new LambdaModel.Setup(
        figures.accountConcurrency(),
        figures.scalingBurst(),
        figures.scalingRefillPerSecond(),
        figures.cpuShare(memoryMB),
        initMillis,
        0,
        UNLIMITED);
  }

  @Test
  void tenThousandSecondsOfCpu_atOneVcpu_andAThousandLimit_takeTenWaves() {
    LambdaModel.Outcome outcome =
        LambdaModel.run(ONE_SECOND_OF_CPU, 10_000, aws(1769, 0, LambdaFigures.AWS));

    assertThat(outcome.wallMillis()).isCloseTo(10_000.0, within(0.001));
    assertThat(outcome.coldStarts()).isEqualTo(1_000);
  }

  @Test
  void coldStarts_addOneInitToTheWaves_andAreBilled() {
    LambdaModel.Outcome outcome =
        LambdaModel.run(ONE_SECOND_OF_CPU, 10_000, aws(1769, 800, LambdaFigures.AWS));

    assertThat(outcome.wallMillis()).isCloseTo(10_800.0, within(0.001));
    assertThat(outcome.billedInitMillis()).isEqualTo(1_000 * 800.0);
  }

  @Test
  void halfAVcpu_doublesTheComputing_butNotTheWaiting() {
    List<TaskWork> work = List.of(new TaskWork(100, 300));

    LambdaModel.Outcome half = LambdaModel.run(work, 1, aws(1769 / 2, 0, LambdaFigures.AWS));
    LambdaModel.Outcome more = LambdaModel.run(work, 1, aws(4 * 1769, 0, LambdaFigures.AWS));

    assertThat(half.wallMillis()).isCloseTo(200.0 + 300, within(0.2));
    assertThat(more.wallMillis()).isCloseTo(400.0, within(0.001));
  }

  @Test
  void aMillionTasksOf100ms_at1024MB_costTheirGbSecondsAndRequests() {
    List<TaskWork> work = List.of(new TaskWork(0, 100));
    LambdaModel.Outcome outcome = LambdaModel.run(work, 1_000_000, aws(1024, 0, LambdaFigures.AWS));

    // 10^6 x 0.1 s x 1 GB = 100,000 GB-s at $0.0000166667, plus 10^6 requests at $0.20 per million
    assertThat(LambdaModel.costUsd(outcome, 1_000_000, 1024, Arch.X86_64, LambdaFigures.AWS))
        .isCloseTo(1.66667 + 0.20, within(1e-6));
  }

  @Test
  void arm64_isCheaperThanX86_forTheSameWork() {
    LambdaModel.Outcome outcome =
        LambdaModel.run(ONE_SECOND_OF_CPU, 1_000, aws(1769, 500, LambdaFigures.AWS));

    assertThat(LambdaModel.costUsd(outcome, 1_000, 1769, Arch.ARM64, LambdaFigures.AWS))
        .isLessThan(LambdaModel.costUsd(outcome, 1_000, 1769, Arch.X86_64, LambdaFigures.AWS));
  }

  @Test
  void initIsLeftOutOfThePrice_whereItIsNotBilled() {
    LambdaFigures unbilled =
        new LambdaFigures(1_000, 1_000, 100, 10, 1769, 0.2e-6, 0.0000166667, 0.0000133334, false);
    LambdaModel.Outcome outcome =
        LambdaModel.run(ONE_SECOND_OF_CPU, 1_000, aws(1769, 500, LambdaFigures.AWS));

    assertThat(LambdaModel.costUsd(outcome, 1_000, 1024, Arch.X86_64, unbilled))
        .isLessThan(LambdaModel.costUsd(outcome, 1_000, 1024, Arch.X86_64, LambdaFigures.AWS));
  }

  @Test
  void timeAndCost_neverFall_asTasksGrow() {
    List<TaskWork> work = List.of(new TaskWork(30, 5), new TaskWork(200, 0), new TaskWork(1, 90));
    double lastWall = 0;
    double lastCost = 0;
    for (long tasks = 1; tasks <= 1_000_000; tasks *= 10) {
      LambdaModel.Outcome outcome = LambdaModel.run(work, tasks, aws(512, 700, LambdaFigures.AWS));
      double cost = LambdaModel.costUsd(outcome, tasks, 512, Arch.X86_64, LambdaFigures.AWS);

      assertThat(outcome.wallMillis()).isGreaterThanOrEqualTo(lastWall);
      assertThat(cost).isGreaterThan(lastCost);
      lastWall = outcome.wallMillis();
      lastCost = cost;
    }
  }

  @Test
  void theScalingRamp_showsFrom10to5Tasks_whereTheLimitIsAboveTheBurst() {
    LambdaFigures raised = LambdaFigures.AWS.withAccountConcurrency(10_000);
    LambdaModel.Setup ramp = aws(1769, 0, raised);
    LambdaModel.Setup noRamp = new LambdaModel.Setup(10_000, 10_000, 100, 1, 0, 0, UNLIMITED);

    assertThat(LambdaModel.run(ONE_SECOND_OF_CPU, 1_000, ramp).wallMillis())
        .isEqualTo(LambdaModel.run(ONE_SECOND_OF_CPU, 1_000, noRamp).wallMillis());
    // 10^5 tasks would take 10 waves of 10,000; the ramp adds 100 environments a second past the
    // first 1,000, so it takes about three times as long.
    assertThat(LambdaModel.run(ONE_SECOND_OF_CPU, 100_000, noRamp).wallMillis())
        .isCloseTo(10_000.0, within(0.001));
    assertThat(LambdaModel.run(ONE_SECOND_OF_CPU, 100_000, ramp).wallMillis())
        .isGreaterThan(25_000.0);
  }

  @Test
  void theInvokersIssueRate_boundsTheWall() {
    List<TaskWork> instant = List.of(new TaskWork(0, 1));
    LambdaModel.Setup slowInvoker = new LambdaModel.Setup(1000, 1000, 100, 1, 0, 0, 100);

    // 1,000 invocations sent at 100 a second: the last leaves after 9.99 s, ends 1 ms later
    assertThat(LambdaModel.run(instant, 1_000, slowInvoker).wallMillis())
        .isCloseTo(9_991.0, within(1e-6));
  }

  @Test
  void aFewEnvironments_runTheTasksInWaves() {
    List<TaskWork> work = List.of(new TaskWork(100, 0));
    LambdaModel.Setup four = new LambdaModel.Setup(4, 4, 1, 1, 1000, 10, UNLIMITED);

    LambdaModel.Outcome outcome = LambdaModel.run(work, 10, four);

    // three waves of 110 ms after one init
    assertThat(outcome.wallMillis()).isCloseTo(1000 + 3 * 110.0, within(0.001));
    assertThat(outcome.coldStarts()).isEqualTo(4);
  }

  @Test
  void noWork_isRefused() {
    assertThatThrownBy(() -> LambdaModel.run(List.of(), 10, aws(1024, 0, LambdaFigures.AWS)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
