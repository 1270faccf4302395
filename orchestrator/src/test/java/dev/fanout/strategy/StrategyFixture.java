package dev.fanout.strategy;

import dev.fanout.origin.OriginOptions;
import dev.fanout.origin.OriginServer;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import java.nio.file.Path;

/** A local origin and the units wired to it, for strategy tests. */
final class StrategyFixture implements AutoCloseable {
  final OriginServer origin;
  final UnitSettings settings;
  final UnitRuntime runtime;

  StrategyFixture(Path imageDir) {
    origin = OriginServer.start(OriginOptions.defaults());
    settings = UnitSettings.forOrigin(origin.baseUri(), imageDir);
    runtime = UnitRuntime.open(settings);
  }

  Strategies.Context context(int workers) {
    return new Strategies.Context(runtime.catalog(), settings, workers, System::nanoTime);
  }

  @Override
  public void close() {
    runtime.close();
    origin.close();
  }
}
