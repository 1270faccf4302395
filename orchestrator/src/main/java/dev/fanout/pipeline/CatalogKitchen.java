package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.measure.CpuTime;
import dev.fanout.units.UnitCatalog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Units run in this JVM, on the calling thread (or the loop): the in-JVM strategies' kitchen. */
public record CatalogKitchen(UnitCatalog catalog, ThreadLocal<Long> lastCpu) implements Kitchen {
  public CatalogKitchen(UnitCatalog catalog) {
    this(catalog, ThreadLocal.withInitial(() -> -1L));
  }

  /** The thread doing the work now: the lane a timeline shows. */
  @Override
  public String lane() {
    return Thread.currentThread().getName();
  }

  @Override
  public JsonNode call(String unit, JsonNode input) {
    long before = CpuTime.currentThreadNanos();
    try {
      return catalog.unit(unit).call(input, Deadline.none());
    } finally {
      long after = CpuTime.currentThreadNanos();
      lastCpu.set(before < 0 || after < 0 ? -1 : after - before);
    }
  }

  @Override
  public long lastCallCpuNanos() {
    return lastCpu.get();
  }

  @Override
  public CompletableFuture<JsonNode> callAsync(String unit, JsonNode input, Executor loop) {
    return catalog.unit(unit).callAsync(input, Deadline.none(), loop);
  }
}
