package dev.fanout.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * How a pipeline's blocking stage loops run: each on a lane of its own (a platform thread, a
 * virtual thread, a thread feeding a worker JVM), with the kitchen its units run in. Closing it
 * stops what it started (worker JVMs).
 */
public interface Lanes extends AutoCloseable {
  /**
   * The kitchen of the lane called {@code name}: this JVM, or worker JVMs of its own.
   *
   * @param width how many of its calls may run at once without blocking the lane (the grill's
   *     positions: worker JVMs give such a lane as many workers)
   */
  Kitchen kitchen(String name, int width);

  default Kitchen kitchen(String name) {
    return kitchen(name, 1);
  }

  /** Starts {@code loop} on a new lane called {@code name}; completes with what it returns. */
  <T> CompletableFuture<T> start(String name, Callable<T> loop);

  @Override
  default void close() {}

  /** Runs {@code loop} on a new thread of {@code builder} called {@code name}; its result. */
  static <T> CompletableFuture<T> onThread(Thread.Builder builder, String name, Callable<T> loop) {
    CompletableFuture<T> done = new CompletableFuture<>();
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
