package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where one lane's units of work run: in this JVM, or in the lane's own worker JVM. A stage calls
 * its units through it and never knows which.
 */
public interface Kitchen {
  /** Who does the work at this moment, for the timelines: a thread's name, a worker JVM's pid. */
  String lane();

  /** Runs {@code unit} on {@code input}, blocking the calling lane until it is done. */
  JsonNode call(String unit, JsonNode input);

  /**
   * The CPU time of the calling thread's last {@link #call}, where it could be measured; -1 where
   * not (a virtual thread).
   */
  long lastCallCpuNanos();

  /** Runs {@code unit} without blocking: its code and its continuation run on {@code loop}. */
  CompletableFuture<JsonNode> callAsync(String unit, JsonNode input, Executor loop);
}
