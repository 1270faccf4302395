package dev.fanout.units.ledger;

import dev.fanout.api.DeadlineExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The balances and the journal of an in-memory ledger, and a transfer done the articles' way: read
 * the sender's balance, pause, write it; read the receiver's, pause, write it. Nothing here
 * excludes anything: {@link UnsafeMemoryLedger} runs these steps as they are, {@link
 * LockedMemoryLedger} under a lock.
 */
final class MemoryBook {
  private final Map<String, Long> balances = new ConcurrentHashMap<>();
  private final Set<String> appliedIds = ConcurrentHashMap.newKeySet();
  // The ledger's own record of what it applied (this is the shared state, not a results list).
  private final Queue<LedgerEntry> journal = new ConcurrentLinkedQueue<>();

  void open(Map<String, Long> opening) {
    balances.putAll(opening);
  }

  /** The opening balances moved by {@code applied}, each recorded as this book applied it. */
  void reopen(Map<String, Long> opening, List<LedgerEntry> applied) {
    Map<String, Long> moved = new HashMap<>(opening);
    for (LedgerEntry entry : applied) {
      if (!appliedIds.add(entry.transferId())) {
        throw new IllegalArgumentException(
            "transfer " + entry.transferId() + " is given twice: a transfer applies once");
      }
      moved.merge(entry.from(), -entry.amount(), Long::sum);
      moved.merge(entry.to(), entry.amount(), Long::sum);
      journal.add(entry);
    }
    balances.putAll(moved);
  }

  LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
    Map<String, Long> found = new HashMap<>();
    for (String account : accounts) {
      Long balance = balances.get(account);
      if (balance != null) {
        found.put(account, balance);
      }
    }
    Set<String> wanted = Set.copyOf(transferIds);
    List<LedgerEntry> entries = new ArrayList<>();
    for (LedgerEntry entry : journal) {
      if (wanted.contains(entry.transferId())) {
        entries.add(entry);
      }
    }
    return new LedgerState(found, entries);
  }

  /** The whole transfer on the calling thread, sleeping through the pauses. */
  TransferResult transferBlocking(Transfer transfer) {
    Step step = begin(transfer);
    if (step.result != null) {
      return step.result;
    }
    sleep(transfer.pause());
    step.writeSender();
    step.readReceiver();
    sleep(transfer.pause());
    return step.writeReceiver();
  }

  /** The same steps as loop tasks, the pauses as timers: other tasks run in between. */
  CompletableFuture<TransferResult> transferAsync(Transfer transfer, Executor loop) {
    return CompletableFuture.supplyAsync(() -> begin(transfer), loop)
        .thenComposeAsync(
            step ->
                step.result != null
                    ? CompletableFuture.completedFuture(step.result)
                    : after(transfer.pause(), loop)
                        .thenRunAsync(
                            () -> {
                              step.writeSender();
                              step.readReceiver();
                            },
                            loop)
                        .thenComposeAsync(written -> after(transfer.pause(), loop), loop)
                        .thenApplyAsync(paused -> step.writeReceiver(), loop),
            loop);
  }

  /** Checks the transfer and reads the sender's balance; a refusal or duplicate ends it here. */
  private Step begin(Transfer transfer) {
    Step step = new Step(transfer);
    if (appliedIds.contains(transfer.transferId())) {
      step.result = TransferResult.duplicate(transfer.transferId(), 1);
      return step;
    }
    Long senderBalance = balances.get(transfer.from());
    if (senderBalance == null) {
      step.result = TransferResult.refused("no account " + transfer.from(), 1);
    } else if (!balances.containsKey(transfer.to())) {
      step.result = TransferResult.refused("no account " + transfer.to(), 1);
    } else if (senderBalance < transfer.amount()) {
      step.result =
          TransferResult.refused(
              "insufficient funds: "
                  + transfer.from()
                  + " holds "
                  + senderBalance
                  + ", the transfer needs "
                  + transfer.amount(),
              1);
    } else {
      step.senderBefore = senderBalance;
    }
    return step;
  }

  /** One transfer's progress; touched by one thread at a time (its own, or the loop). */
  private final class Step {
    final Transfer transfer;
    TransferResult result;
    long senderBefore;
    long receiverBefore;

    Step(Transfer transfer) {
      this.transfer = transfer;
    }

    void writeSender() {
      balances.put(transfer.from(), senderBefore - transfer.amount());
    }

    void readReceiver() {
      receiverBefore = balances.get(transfer.to());
    }

    TransferResult writeReceiver() {
      balances.put(transfer.to(), receiverBefore + transfer.amount());
      appliedIds.add(transfer.transferId());
      journal.add(
          new LedgerEntry(
              transfer.transferId(), transfer.from(), transfer.to(), transfer.amount()));
      return TransferResult.applied(
          senderBefore - transfer.amount(), receiverBefore + transfer.amount(), 1);
    }
  }

  private static void sleep(Duration pause) {
    if (pause.isZero()) {
      return;
    }
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadlineExceededException("a transfer was interrupted between read and write");
    }
  }

  private static CompletableFuture<Void> after(Duration pause, Executor loop) {
    Executor when =
        pause.isZero()
            ? loop
            : CompletableFuture.delayedExecutor(pause.toNanos(), TimeUnit.NANOSECONDS, loop);
    return CompletableFuture.runAsync(() -> {}, when);
  }
}
