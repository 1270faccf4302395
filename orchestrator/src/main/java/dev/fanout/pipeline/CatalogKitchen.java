package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.units.Deadline;
import dev.fanout.units.UnitCatalog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Units run in this JVM, on the calling thread (or the loop): the in-JVM strategies' kitchen. */
public record CatalogKitchen(UnitCatalog catalog) implements Kitchen {
  /** The thread doing the work now: the lane a timeline shows. */
  @Override
  public String lane() {
    return Thread.currentThread().getName();
  }

  @Override
  public JsonNode call(String unit, JsonNode input) {
    return catalog.unit(unit).call(input, Deadline.none());
  }

  @Override
  public CompletableFuture<JsonNode> callAsync(String unit, JsonNode input, Executor loop) {
    return catalog.unit(unit).callAsync(input, Deadline.none(), loop);
  }
}
