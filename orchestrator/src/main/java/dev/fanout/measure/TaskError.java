package dev.fanout.measure;

import dev.fanout.api.UnitException;

/**
 * Why a task failed.
 *
 * @param type a stable name: the unit's error type (e.g. {@code InvalidInput}), or the exception's
 *     class name for an unexpected failure
 */
public record TaskError(String type, String message) {

  public static TaskError of(Throwable error) {
    if (error instanceof UnitException unit) {
      return new TaskError(unit.errorType(), unit.getMessage());
    }
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    return new TaskError(error.getClass().getSimpleName(), message);
  }
}
