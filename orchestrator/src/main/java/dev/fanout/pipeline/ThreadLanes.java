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
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform();
    builder
        .name(name)
        .start(
            () -> {
              try {
                done.complete(loop.call());
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }
}
