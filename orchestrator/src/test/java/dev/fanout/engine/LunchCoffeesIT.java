package dev.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fanout.pipeline.CoffeeWaves;
import dev.fanout.pipeline.Coffees;
import dev.fanout.pipeline.LunchSettings;
import dev.fanout.pipeline.Menu;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.Span;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lunch's coffees at their defaults, on the local Lambda service the lab starts for a lunch:
 * its idle timeout short enough that the pause reclaims the crowd's instances.
 */
class LunchCoffeesIT {
  @TempDir Path images;

  @Test
  void coffeesAtTheDefaults_onTheLunchsLocalService_showReclaimsColdStartsAndTheTimeout() {
    assumeTrue(
        ProjectFiles.root()
            .map(root -> Files.isRegularFile(root.resolve("functions/lambda/target/function.zip")))
            .orElse(false),
        "function.zip is not built: ./mvnw -pl functions/lambda -am package");
    LabSettings settings =
        new LabSettings(
            new LabSettings.Fetching(null, 0, 0, images),
            LedgerChoice.memory(true),
            LambdaChoice.local(),
            0,
            null,
            0,
            1,
            false,
            null,
            List.of(),
            null);
    MenuRun run;
    try (Lab lab =
        Lab.openForLunch(
            settings, List.of(StrategyKind.LAMBDA), new PrintWriter(new StringWriter()))) {
      run =
          lab.lunch()
              .serve(Menu.COFFEES, List.of(StrategyKind.LAMBDA), new LunchSettings(null, null))
              .getFirst();
    }

    CoffeeWaves waves = CoffeeWaves.defaults();
    assertThat(run.outcomes()).hasSize(waves.size());
    assertThat(run.facts())
        .containsEntry("idleTimeoutMillis", CoffeeWaves.IDLE_TIMEOUT.toMillis())
        .containsEntry("timeouts", 1L);
    assertThat(run.outcomes())
        .filteredOn(outcome -> !outcome.served())
        .extracting(OrderOutcome::order)
        .containsExactly(2);
    // The crowd's instances that outlived it were reclaimed in the pause, so the last wave's
    // customers all waited for new ones.
    assertThat(run.facts().get("reclaimed")).isPositive();
    List<Integer> last = waves.waves().getLast().orders().stream().map(o -> o.number()).toList();
    assertThat(
            run.spans().stream()
                .filter(span -> span.stage().equals(Coffees.COLD_START))
                .map(Span::number))
        .containsAll(last);
    assertThat(Coffees.instances(run)).isPresent();
  }
}
