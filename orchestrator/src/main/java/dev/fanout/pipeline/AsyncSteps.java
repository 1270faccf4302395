package dev.fanout.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Loops for an event loop, without futures nested one in another for every turn. */
final class AsyncSteps {
  private AsyncSteps() {}

  /**
   * Runs {@code step} on {@code loop} again and again while it completes with true; the result
   * completes when one completes with false, or fails with the first failure.
   */
  static CompletableFuture<Void> repeat(Supplier<CompletableFuture<Boolean>> step, Executor loop) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> turn(step, loop, done));
    return done;
  }

  private static void turn(
      Supplier<CompletableFuture<Boolean>> step, Executor loop, CompletableFuture<Void> done) {
    step.get()
        .whenCompleteAsync(
            (again, failure) -> {
              if (failure != null) {
                done.completeExceptionally(failure);
              } else if (again) {
                turn(step, loop, done);
              } else {
                done.complete(null);
              }
            },
            loop);
  }
}
