package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.cloud.LambdaTarget;
import dev.fanout.plan.LedgerSettings;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The factory builds, for every kind, a strategy of that kind; building one starts nothing. */
class StrategiesTest {
  @TempDir Path images;

  @ParameterizedTest
  @EnumSource(StrategyKind.class)
  void create_buildsAStrategyOfTheKindAsked(StrategyKind kind) {
    UnitSettings settings =
        UnitSettings.forOrigin(URI.create("http://127.0.0.1:9"), images)
            .withLedger(LedgerSettings.memory(true));
    Workload fib =
        TestWorkloads.of("fib", 3, i -> JsonNodeFactory.instance.objectNode().put("n", 10));
    // Nothing listens there: building the lambda strategy must not call it.
    LambdaTarget nowhere =
        new LambdaTarget(URI.create("http://127.0.0.1:9"), "us-east-1", "nowhere", false);
    try (UnitRuntime runtime = UnitRuntime.open(settings)) {
      Strategies.Context context =
          new Strategies.Context(runtime.catalog(), settings, 2, System::nanoTime, nowhere, 4);

      Strategy strategy = Strategies.create(kind, fib, context);

      assertThat(strategy.kind()).isSameAs(kind);
    }
  }
}
