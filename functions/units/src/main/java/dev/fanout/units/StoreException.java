package dev.fanout.units;

import dev.fanout.api.UnitException;

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
