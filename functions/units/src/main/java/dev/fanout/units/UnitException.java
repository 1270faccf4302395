package dev.fanout.units;

/**
 * A failure a unit reports on purpose. {@link #errorType()} is a stable name (for Lambda's
 * errorType and the task records); the message says what went wrong and how to fix it.
 */
public abstract sealed class UnitException extends RuntimeException
    permits InvalidInputException,
        FetchException,
        StoreException,
        DeadlineExceededException,
        LedgerException {

  protected UnitException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable, typed name of the error, e.g. {@code InvalidInput}. */
  public abstract String errorType();
}
