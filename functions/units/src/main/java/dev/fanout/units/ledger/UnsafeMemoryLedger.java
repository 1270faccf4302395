package dev.fanout.units.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The articles' race: each balance is read, the transfer pauses, and the balance read before is
 * written back. Two transfers touching one account within the pause lose one of their updates, on
 * threads and, at each pause, on one event loop alike. Its checks read stale balances too.
 */
public final class UnsafeMemoryLedger implements Ledger {
  private final MemoryBook book = new MemoryBook();

  @Override
  public void open(Map<String, Long> balances) {
    book.open(balances);
  }

  @Override
  public void reopen(Map<String, Long> opening, List<LedgerEntry> applied) {
    book.reopen(opening, applied);
  }

  @Override
  public TransferResult transfer(Transfer transfer) {
    return book.transferBlocking(transfer);
  }

  @Override
  public CompletableFuture<TransferResult> transferAsync(Transfer transfer, Executor loop) {
    return book.transferAsync(transfer, loop);
  }

  @Override
  public LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
    return book.read(accounts, transferIds);
  }
}
