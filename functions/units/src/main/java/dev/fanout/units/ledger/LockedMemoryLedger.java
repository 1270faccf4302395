package dev.fanout.units.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The articles' fix: the same read, pause and write, under one lock for the whole transfer, so no
 * other transfer sees or overwrites a balance in between. The price is that the pauses no longer
 * overlap. The lock is {@link TurnLock}: a blocked thread parks, and on an event loop a transfer
 * waits for its turn without blocking the loop (asyncio.Lock).
 */
public final class LockedMemoryLedger implements Ledger {
  private final MemoryBook book = new MemoryBook();
  private final TurnLock lock = new TurnLock();

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
    lock.acquire().join();
    try {
      return book.transferBlocking(transfer);
    } finally {
      lock.release();
    }
  }

  @Override
  public CompletableFuture<TransferResult> transferAsync(Transfer transfer, Executor loop) {
    return lock.acquire()
        .thenComposeAsync(held -> book.transferAsync(transfer, loop), loop)
        .whenCompleteAsync((result, error) -> lock.release(), loop);
  }

  @Override
  public LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
    return book.read(accounts, transferIds);
  }
}
