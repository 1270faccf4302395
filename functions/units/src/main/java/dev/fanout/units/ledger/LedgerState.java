package dev.fanout.units.ledger;

import java.util.List;
import java.util.Map;

/**
 * What a ledger holds after a run.
 *
 * @param balances by account
 * @param transfers the recorded transfers, in the order applied where the ledger knows it
 */
public record LedgerState(Map<String, Long> balances, List<LedgerEntry> transfers) {
  public LedgerState {
    balances = Map.copyOf(balances);
    transfers = List.copyOf(transfers);
  }
}
