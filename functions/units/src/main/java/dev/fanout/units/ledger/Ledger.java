package dev.fanout.units.ledger;

import java.util.Collection;
import java.util.List;
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
   * Opens the books again in a new process, for a run that stopped part way: each account at its
   * {@code opening} balance moved by the transfers the stopped run applied, each recorded as
   * applied, so that they are neither applied again nor missing from the books. Only a ledger in
   * memory needs it; a DynamoDB table outlives the process and still holds them.
   *
   * @throws UnsupportedOperationException when the ledger keeps its books itself
   */
  default void reopen(Map<String, Long> opening, List<LedgerEntry> applied) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " keeps its books itself: there is nothing to reopen");
  }

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
