package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Waits: the articles' random-sleep worker. Blocking it sleeps; on an event loop it sets a timer.
 */
public final class NapUnit implements Unit<NapUnit.Input, NapUnit.Output> {
  public static final long MAX_MILLIS = 60_000;

  public record Input(long millis) {}

  public record Output(long sleptMillis) {}

  @Override
  public String name() {
    return "nap";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.WAIT;
  }

  @Override
  public String exampleInput() {
    return "{\"millis\": 500}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, Set.of("millis"), exampleInput());
    return new Input(UnitJson.requireLong(name(), input, "millis", 0, MAX_MILLIS));
  }

  @Override
  public Output run(Input input, Deadline deadline) {
    deadline.require(input.millis(), "nap(" + input.millis() + " ms)");
    try {
      Thread.sleep(input.millis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadlineExceededException("nap(" + input.millis() + " ms) was interrupted");
    }
    return new Output(input.millis());
  }

  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    Executor later = CompletableFuture.delayedExecutor(input.millis(), TimeUnit.MILLISECONDS, loop);
    return CompletableFuture.runAsync(
            () -> deadline.require(input.millis(), "nap(" + input.millis() + " ms)"), loop)
        .thenApplyAsync(ready -> new Output(input.millis()), later);
  }
}
