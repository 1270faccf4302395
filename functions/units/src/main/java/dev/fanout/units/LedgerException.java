package dev.fanout.units;

import dev.fanout.api.UnitException;

/** The ledger could not be reached, or kept refusing a transfer for reasons other than funds. */
public final class LedgerException extends UnitException {
  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String errorType() {
    return "LedgerFailed";
  }
}
