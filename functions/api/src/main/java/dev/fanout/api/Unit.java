package dev.fanout.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One unit of work: a small JSON input in, a small JSON output out. The same object runs under
 * every strategy; only the calling form differs (blocking, or non-blocking on an event loop).
 *
 * @param <I> the validated input
 * @param <O> the output
 */
public interface Unit<I, O> {

  /** The unit's name, as used on the command line and as the Lambda handler name. */
  String name();

  UnitKind kind();

  /** An example input, valid and small, for documentation and usage messages. */
  String exampleInput();

  /** Reads and validates an input, or throws {@link InvalidInputException} naming the field. */
  I parse(JsonNode input);

  /** Runs the unit on the calling thread, blocking it while it waits. */
  O run(I input, Deadline deadline);

  /**
   * Runs the unit without blocking: every piece of the unit's own code runs on {@code loop}, and
   * waiting is done by non-blocking I/O or timers. Units with nothing to wait on compute on the
   * loop, as they would in an asyncio program.
   */
  default CompletableFuture<O> runAsync(I input, Deadline deadline, Executor loop) {
    return CompletableFuture.supplyAsync(() -> run(input, deadline), loop);
  }

  /** Parses, runs and renders in one blocking call. */
  default JsonNode call(JsonNode input, Deadline deadline) {
    return UnitJson.tree(run(parse(input), deadline));
  }

  /** Parses, runs and renders without blocking; all of it runs on {@code loop}. */
  default CompletableFuture<JsonNode> callAsync(JsonNode input, Deadline deadline, Executor loop) {
    return CompletableFuture.supplyAsync(() -> parse(input), loop)
        .thenComposeAsync(parsed -> runAsync(parsed, deadline, loop), loop)
        .thenApplyAsync(UnitJson::tree, loop);
  }
}
