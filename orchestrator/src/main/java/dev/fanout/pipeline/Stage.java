package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.UnitException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * One call of a unit by a stage, timed into the stage's log with the lane that did it: the thread
 * that ran it (or the worker JVM), read when the work ends.
 */
final class Stage {
  private Stage() {}

  /** The unit's output; its span is logged, with the error when it failed (then rethrown). */
  static JsonNode call(
      LaneLog log,
      Kitchen kitchen,
      LongSupplier nanoTime,
      String stage,
      Span.Subject subject,
      int number,
      String unit,
      JsonNode input) {
    long start = nanoTime.getAsLong();
    String error = null;
    try {
      return kitchen.call(unit, input);
    } catch (RuntimeException e) {
      error = reason(e);
      throw e;
    } finally {
      log.span(
          new Span(
              stage,
              kitchen.lane(),
              subject,
              number,
              start,
              nanoTime.getAsLong(),
              kitchen.lastCallCpuNanos(),
              error));
    }
  }

  /** An order's unit without blocking: logged on {@code loop} when the unit is done. */
  static CompletableFuture<JsonNode> callAsync(
      LaneLog log,
      Kitchen kitchen,
      Executor loop,
      LongSupplier nanoTime,
      String stage,
      int order,
      String unit,
      JsonNode input) {
    long start = nanoTime.getAsLong();
    return kitchen
        .callAsync(unit, input, loop)
        .whenCompleteAsync(
            (output, failure) ->
                log.span(
                    new Span(
                        stage,
                        kitchen.lane(),
                        Span.Subject.ORDER,
                        order,
                        start,
                        nanoTime.getAsLong(),
                        -1,
                        failure == null ? null : reason(failure))),
            loop);
  }

  /** One line saying why a unit call failed. */
  static String reason(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof UnitCallFailed) {
      return cause.getMessage();
    }
    if (cause instanceof UnitException unit) {
      return unit.errorType() + ": " + unit.getMessage();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
