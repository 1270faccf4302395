package dev.fanout.pipeline;

import dev.fanout.units.UnitCatalog;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Each stage loop on a thread of its own, platform or virtual, running its units in this JVM. */
public record ThreadLanes(UnitCatalog catalog, boolean virtual) implements Lanes {
  @Override
  public Kitchen kitchen(String name, int width) {
    return new CatalogKitchen(catalog);
  }

  @Override
  public <T> CompletableFuture<T> start(String name, Callable<T> loop) {
    return Lanes.onThread(virtual ? Thread.ofVirtual() : Thread.ofPlatform(), name, loop);
  }
}
