package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lambda strategy against the local Lambda service running the real function.zip: REPORT
 * figures in the records, function errors as failed tasks, throttles retried to success.
 */
class LambdaStrategyIT {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @TempDir static Path images;
  private static StrategyFixture fixture;
  private static LocalLambdaService reservedOne;

  @BeforeAll
  static void start() {
    fixture = new StrategyFixture(images);
    Path root = StrategyFixture.projectRoot();
    reservedOne =
        LocalLambdaService.start(
            LocalLambdaOptions.builder(
                    root.resolve("template.yaml"),
                    root.resolve("functions/lambda/target/function.zip"))
                .reservedConcurrency("NapFunction", 1)
                .build());
  }

  @AfterAll
  static void stop() {
    reservedOne.close();
    fixture.close();
  }

  @Test
  void lambda_tellsTheListenerThatInstancesStart_beforeAnyTask() {
    Workload fib = TestWorkloads.of("fib", 3, i -> JSON.objectNode().put("n", 10));
    ToldListener listener = new ToldListener();

    Strategies.create(StrategyKind.LAMBDA, fib, fixture.lambdaContext(2)).run(fib, listener);

    assertThat(listener.told())
        .containsExactly(
            "starting Lambda instances for the first 2 invocations 0/0",
            "finished",
            "finished",
            "finished");
  }

  @Test
  void records_carryColdStartsAndBilledDurations() {
    Workload fib = TestWorkloads.of("fib", 6, i -> JSON.objectNode().put("n", 20 + i));

    RunResult run =
        Strategies.create(StrategyKind.LAMBDA, fib, fixture.lambdaContext(2)).run(fib, r -> {});

    assertThat(run.failed()).as("%s", run.tasks()).isZero();
    assertThat(run.tasks()).allSatisfy(task -> assertThat(task.lambda()).isNotNull());
    List<TaskRecord> cold = run.tasks().stream().filter(t -> t.lambda().coldStart()).toList();
    assertThat(cold).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(cold).allSatisfy(task -> assertThat(task.lambda().initMillis()).isPositive());
    assertThat(run.tasks())
        .filteredOn(t -> !t.lambda().coldStart())
        .allSatisfy(task -> assertThat(task.lambda().initMillis()).isNull());
    assertThat(run.tasks())
        .allSatisfy(
            task -> {
              assertThat(task.lambda().billedMillis()).isGreaterThanOrEqualTo(1.0);
              assertThat(task.lambda().requestId()).isNotBlank();
              assertThat(task.lambda().maxMemoryMB()).isPositive();
            });
    assertThat(run.tasks().get(5).output().get("value").asLong()).isEqualTo(46368); // fib(25)
    assertThat(run.lambda().costUsd()).isPositive();
    assertThat(run.lanes()).isBetween(1L, 2L);
    // A lane is an instance, and every instance began with a cold start.
    assertThat(run.lanes()).isEqualTo(cold.size());
  }

  @Test
  void functionError_failsItsTaskWithTheTypedError() {
    Workload fib = TestWorkloads.of("fib", 3, i -> JSON.objectNode().put("n", i == 1 ? 99 : 10));

    RunResult run =
        Strategies.create(StrategyKind.LAMBDA, fib, fixture.lambdaContext(2)).run(fib, r -> {});

    assertThat(run.tasks()).extracting(TaskRecord::ok).containsExactly(true, false, true);
    TaskRecord failed = run.tasks().get(1);
    assertThat(failed.error().type()).isEqualTo("InvalidInput");
    assertThat(failed.error().message()).contains("'n'").contains("1 to 42");
  }

  @Test
  void throttles_areRetriedUntilEveryTaskSucceedsOnce() {
    Workload naps = TestWorkloads.naps(4, 300);
    LambdaTarget target =
        new LambdaTarget(reservedOne.endpoint(), "us-east-1", "reserved 1", false);
    LambdaStrategy strategy =
        new LambdaStrategy(target, 4, Duration.ofMinutes(2), System::nanoTime);

    RunResult run = strategy.run(naps, r -> {});

    assertThat(run.ok()).isEqualTo(4);
    assertThat(run.lambda().throttles()).isPositive();
    assertThat(run.tasks())
        .anySatisfy(task -> assertThat(task.lambda().attempts()).isGreaterThan(1));
    assertThat(run.tasks().stream().map(t -> t.lambda().requestId()).distinct()).hasSize(4);
    // Reserved concurrency 1: one instance ran them all, cold once.
    assertThat(run.lanes()).isEqualTo(1);
    assertThat(run.tasks().stream().filter(t -> t.lambda().coldStart())).hasSize(1);
  }

  @Test
  void unknownFunction_failsEveryTaskWithAClearError() {
    Workload missing =
        new Workload("nosuchunit", List.of(JSON.objectNode().put("n", 1)), 1, "test");

    RunResult run =
        Strategies.create(StrategyKind.LAMBDA, missing, fixture.lambdaContext(1))
            .run(missing, r -> {});

    assertThat(run.failed()).isEqualTo(1);
    assertThat(run.tasks().get(0).error().message()).contains("NosuchunitFunction");
  }
}
