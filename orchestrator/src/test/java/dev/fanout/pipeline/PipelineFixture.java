package dev.fanout.pipeline;

import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local origin (its grill) and the units, for pipeline tests; real parts, no mocks. */
final class PipelineFixture implements AutoCloseable {
  final OriginServer origin;
  final UnitRuntime runtime;

  PipelineFixture(Path imageDir) {
    origin = OriginServer.start(OriginOptions.defaults());
    runtime = UnitRuntime.open(UnitSettings.forOrigin(origin.baseUri(), imageDir));
  }

  Kitchen kitchen() {
    return new CatalogKitchen(runtime.catalog());
  }

  Lanes lanes(boolean virtual) {
    return new ThreadLanes(runtime.catalog(), virtual);
  }

  Burgers burgers(int orders, int grill, int cookMillis) {
    return new Burgers(
        new BurgerShop(
                orders, grill, Duration.ofMillis(cookMillis), BurgerShop.ARTICLE_OPEN_ORDERS, null)
            .withOrigin(origin.baseUri()),
        System::nanoTime);
  }

  /** Runs {@code restaurant} on one event loop whose thread is called {@code loopName}. */
  static MenuRun onLoop(Restaurant restaurant, Kitchen kitchen, String loopName) {
    try (ExecutorService loop =
        Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, loopName))) {
      return restaurant.runOnLoop(kitchen, loop);
    }
  }

  @Override
  public void close() {
    runtime.close();
    origin.close();
  }
}
