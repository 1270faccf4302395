package dev.fanout.units;

import dev.fanout.api.UnitException;

/** An HTTP fetch failed: refused destination, error status, oversized body, timeout or I/O. */
public final class FetchException extends UnitException {
  public FetchException(String message) {
    super(message, null);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String errorType() {
    return "FetchFailed";
  }
}
