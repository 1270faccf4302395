package dev.fanout.units;

/** Storing an object failed. */
public final class StoreException extends UnitException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String errorType() {
    return "StoreFailed";
  }
}
