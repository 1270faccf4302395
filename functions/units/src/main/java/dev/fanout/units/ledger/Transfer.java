package dev.fanout.units.ledger;

import java.time.Duration;

/**
 * One transfer between two accounts.
 *
 * @param pause how long an in-memory ledger waits between reading a balance and writing it back,
 *     standing for a database's round trip (the articles' 0.1 ms); a real database needs none
 */
public record Transfer(String from, String to, long amount, String transferId, Duration pause) {
  public Transfer {
    if (amount <= 0) {
      throw new IllegalArgumentException("a transfer moves a positive amount, got " + amount);
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a transfer needs two different accounts, got " + from);
    }
  }

  /** The same transfer without a pause. */
  public Transfer(String from, String to, long amount, String transferId) {
    this(from, to, amount, transferId, Duration.ZERO);
  }
}
