package dev.fanout.api;

/** A unit stopped, or refused to start, because its deadline would pass before it could finish. */
public final class DeadlineExceededException extends UnitException {
  public DeadlineExceededException(String message) {
    super(message, null);
  }

  @Override
  public String errorType() {
    return "DeadlineExceeded";
  }
}
