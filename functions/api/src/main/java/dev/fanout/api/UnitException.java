package dev.fanout.api;

/**
 * A failure a unit reports on purpose; a unit of your own may define its own by extending it.
 * {@link #errorType()} is a stable name (for Lambda's errorType and the task records); the message
 * says what went wrong and how to fix it.
 */
public abstract class UnitException extends RuntimeException {

  protected UnitException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable, typed name of the error, e.g. {@code InvalidInput}. */
  public abstract String errorType();
}
