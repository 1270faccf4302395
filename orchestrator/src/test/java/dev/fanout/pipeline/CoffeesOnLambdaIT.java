package dev.fanout.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fanout.cloud.LambdaTarget;
import dev.fanout.localcloud.lambda.LocalLambdaOptions;
import dev.fanout.localcloud.lambda.LocalLambdaService;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cloud Coffees on the local Lambda service running the real function.zip: the first customer's
 * instance serves one of the crowd warm, the crowd's instances are reclaimed in the pause so the
 * last customers start new ones, and the complex order is binned at CoffeeFunction's own timeout
 * while the run goes on to the end. Each run happens once; the tests read it.
 */
class CoffeesOnLambdaIT {
  private static final String FUNCTION = "CoffeeFunction";
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

  /** A crowd of three, then two more once the crowd's instances have idled past the timeout. */
  private static final CoffeeWaves WAVES = new CoffeeWaves(3, Duration.ofMillis(2_500), 2);

  private static LocalLambdaService service;
  private static MenuRun asEndpoint;
  private static MenuRun run;

  @BeforeAll
  static void serve() {
    Path root = CoffeeWavesTest.projectRoot();
    Path zip = root.resolve("functions/lambda/target/function.zip");
    assumeTrue(
        Files.isRegularFile(zip),
        "no " + zip + ": build it with ./mvnw -pl functions/lambda -am package");
    service =
        LocalLambdaService.start(
            LocalLambdaOptions.builder(root.resolve("template.yaml"), zip)
                .maxInstancesPerFunction(4)
                .idleTimeout(IDLE_TIMEOUT)
                .build());
    // As an endpoint that says nothing of its instances: the first customer, then the friend
    // alone, whose timeout stops the one instance, so the next run starts with none.
    asEndpoint =
        new Coffees(new CoffeeWaves(1, Duration.ZERO, 0), System::nanoTime).onLambda(cloud(null));
    IntSupplier live = () -> service.instanceCounts().get(FUNCTION);
    run = new Coffees(WAVES, System::nanoTime).onLambda(cloud(live));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  private static CoffeeCloud cloud(IntSupplier live) {
    LambdaTarget target =
        new LambdaTarget(service.endpoint(), "us-east-1", "local emulation", false);
    return new CoffeeCloud(
        target, live, live == null ? null : IDLE_TIMEOUT, 4, Duration.ofMinutes(1));
  }

  @Test
  void everyOrderIsAccountedFor_andOnlyTheComplexOneFails() {
    assertThat(run.strategy()).isEqualTo(StrategyKind.LAMBDA);
    assertThat(run.outcomes())
        .extracting(OrderOutcome::order)
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(dev.fanout.check.PipelineCheck.violations(run)).isEmpty();
    assertThat(run.outcomes())
        .filteredOn(outcome -> outcome.order() != 2)
        .as("%s", run.outcomes())
        .allMatch(OrderOutcome::served);
  }

  @Test
  void theComplexOrder_failsWithCoffeeFunctionsTimeout() {
    OrderOutcome friend = outcome(run, 2);

    assertThat(friend.error()).isEqualTo("Sandbox.Timedout: Task timed out after 2.00 seconds");
    assertThat(run.facts()).containsEntry("timeouts", 1L);
    assertThat(Coffees.note(run)).contains("1 timeout (order 2: Sandbox.Timedout");
  }

  @Test
  void theFirstCustomersInstance_servesOneOfTheCrowdWarm_withNoInit() {
    String first = makingLane(1);
    List<Integer> crowd = List.of(2, 3, 4);

    List<Integer> warm = crowd.stream().filter(order -> coldStart(order).isEmpty()).toList();
    assertThat(coldStart(1)).isPresent();
    assertThat(warm).hasSize(1);
    assertThat(makingLane(warm.getFirst())).isEqualTo(first);
    // The other two floated down for the crowd: new instances, each with its init.
    assertThat(crowd)
        .filteredOn(order -> !warm.contains(order))
        .allSatisfy(
            order -> {
              assertThat(coldStart(order)).isPresent();
              assertThat(makingLane(order)).isNotEqualTo(first);
            });
  }

  @Test
  void theLastCustomers_afterThePause_startNewInstances() {
    assertThat(List.of(5, 6)).allSatisfy(order -> assertThat(coldStart(order)).isPresent());
    assertThat(run.facts()).containsEntry("coldStarts", 5L);
  }

  @Test
  void instances_areCountedAsTheyComeAndGo() {
    QueueTrace instances = Coffees.instances(run).orElseThrow();

    assertThat(instances.samples().getFirst().depth()).isZero();
    assertThat(instances.maxDepth()).isEqualTo(3); // the first customer's and two for the crowd
    assertThat(run.facts()).containsEntry("maxInstances", 3L);
    // The crowd's two idle instances were reclaimed in the pause; the friend's was stopped by its
    // timeout, which is no reclaim. The last customers' may be reclaimed by the end too.
    assertThat(run.facts().get("reclaimed")).isBetween(2L, 4L);
    assertThat(run.facts()).containsEntry("idleTimeoutMillis", IDLE_TIMEOUT.toMillis());
  }

  @Test
  void asAnEndpoint_instancesComeFromReportLinesOnly_andReclaimsAreUnknown() {
    assertThat(asEndpoint.outcomes())
        .extracting(OrderOutcome::order)
        .containsExactlyInAnyOrder(1, 2);
    assertThat(outcome(asEndpoint, 2).error()).startsWith("Sandbox.Timedout: ");
    assertThat(asEndpoint.facts()).doesNotContainKey("reclaimed").containsEntry("coldStarts", 1L);
    QueueTrace instances = Coffees.instances(asEndpoint).orElseThrow();
    // One instance came with the first customer, and the friend's timeout stopped it.
    assertThat(instances.maxDepth()).isEqualTo(1);
    assertThat(instances.samples().getLast().depth()).isZero();
    assertThat(Coffees.note(asEndpoint)).contains("unknown reclaimed");
  }

  private static OrderOutcome outcome(MenuRun of, int order) {
    return of.outcomes().stream().filter(o -> o.order() == order).findFirst().orElseThrow();
  }

  private static Optional<Span> coldStart(int order) {
    return run.spans().stream()
        .filter(span -> span.number() == order && span.stage().equals(Coffees.COLD_START))
        .findFirst();
  }

  private static String makingLane(int order) {
    return run.spans().stream()
        .filter(span -> span.number() == order && span.stage().equals(Coffees.MAKE))
        .findFirst()
        .orElseThrow()
        .lane();
  }
}
