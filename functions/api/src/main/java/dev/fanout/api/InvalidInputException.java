package dev.fanout.api;

/** The input of a unit is missing a field, has the wrong type, or is out of the allowed range. */
public final class InvalidInputException extends UnitException {
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message, null);
    this.field = field;
  }

  /** The offending field of the input ("" when the input as a whole is wrong). */
  public String field() {
    return field;
  }

  @Override
  public String errorType() {
    return "InvalidInput";
  }
}
