package dev.fanout.units.ledger;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The bank's shared state: account balances and a per-transfer ledger. In one JVM it lives in
 * memory (unsafe or locked); across processes and Lambda, which share no memory, in DynamoDB.
 */
public interface Ledger {

  /** Sets each named account to its balance, replacing what was there. */
  void open(Map<String, Long> balances);

  /**
   * Moves {@code amount} from one account to the other, blocking the calling thread while it waits.
   * An overdraft or an unknown account is refused and changes nothing; a transfer whose id was
   * already applied is answered {@link TransferResult.Status#DUPLICATE} and changes nothing.
   *
   * @throws dev.fanout.units.LedgerException when the ledger cannot be reached or keeps refusing
   */
  TransferResult transfer(Transfer transfer);

  /**
   * The same without blocking: every piece of it runs on {@code loop}, and waiting is done by
   * timers. A ledger with nothing to wait on runs it on the loop in one piece.
   */
  default CompletableFuture<TransferResult> transferAsync(Transfer transfer, Executor loop) {
    return CompletableFuture.supplyAsync(() -> transfer(transfer), loop);
  }

  /**
   * The balances of {@code accounts} and the recorded transfers among {@code transferIds}, read
   * consistently: meant for after a run, when nothing else writes. An account that does not exist
   * is left out; a transfer recorded twice (a ledger that forgot its idempotency) appears twice.
   */
  LedgerState read(Collection<String> accounts, Collection<String> transferIds);
}
