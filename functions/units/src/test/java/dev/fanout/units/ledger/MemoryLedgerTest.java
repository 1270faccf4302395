package dev.fanout.units.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.units.testing.TestLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The in-memory ledgers: the unsafe one loses updates whenever two transfers meet within its pause
 * (made certain here by a fan-out from one account), the locked one never does, on threads and on
 * one event loop alike; both apply a transfer id once and refuse overdrafts.
 */
class MemoryLedgerTest {
  private static final Duration PAUSE = Duration.ofMillis(20);
  private static final int FAN_OUT = 8;

  /**
   * FAN_OUT transfers of 1 from "hub", each to an account of its own, all started at once: every
   * receiver is touched once, so only the hub can lose updates, and it does whenever two transfers
   * read it within one pause of each other.
   */
  private static List<Transfer> fanOut(Duration pause) {
    return IntStream.range(0, FAN_OUT)
        .mapToObj(i -> new Transfer("hub", "r" + i, 1, "t" + i, pause))
        .toList();
  }

  private static Map<String, Long> openFanOut(Ledger ledger) {
    Map<String, Long> opening = new java.util.HashMap<>();
    opening.put("hub", 1000L);
    IntStream.range(0, FAN_OUT).forEach(i -> opening.put("r" + i, 0L));
    ledger.open(opening);
    return opening;
  }

  private static long total(Ledger ledger) {
    List<String> accounts = new ArrayList<>(List.of("hub"));
    IntStream.range(0, FAN_OUT).forEach(i -> accounts.add("r" + i));
    return ledger.read(accounts, List.of()).balances().values().stream().mapToLong(x -> x).sum();
  }

  private static void onThreads(Ledger ledger, List<Transfer> transfers) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(transfers.size())) {
      List<Future<TransferResult>> results = new ArrayList<>();
      transfers.forEach(t -> results.add(pool.submit(() -> ledger.transfer(t))));
      for (Future<TransferResult> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).status())
            .isEqualTo(TransferResult.Status.APPLIED);
      }
    }
  }

  private static void onOneLoop(Ledger ledger, List<Transfer> transfers) throws Exception {
    try (TestLoop loop = TestLoop.named("ledger-loop")) {
      Runnable release = loop.hold();
      List<CompletableFuture<TransferResult>> results = new ArrayList<>();
      transfers.forEach(t -> results.add(ledger.transferAsync(t, loop)));
      release.run();
      for (CompletableFuture<TransferResult> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).status())
            .isEqualTo(TransferResult.Status.APPLIED);
      }
    }
  }

  @Test
  void unsafe_onThreads_losesTheHubsUpdates_andTheTotalDrifts() throws Exception {
    Ledger ledger = new UnsafeMemoryLedger();
    openFanOut(ledger);

    onThreads(ledger, fanOut(PAUSE));

    assertThat(total(ledger)).isGreaterThan(1000);
  }

  @Test
  void unsafe_onOneEventLoop_losesTheHubsUpdatesAtTheTimer() throws Exception {
    Ledger ledger = new UnsafeMemoryLedger();
    openFanOut(ledger);

    onOneLoop(ledger, fanOut(PAUSE));

    // All reads ran before the first timer fired: every debit but the last was overwritten.
    assertThat(ledger.read(List.of("hub"), List.of()).balances()).containsEntry("hub", 999L);
    assertThat(total(ledger)).isEqualTo(1000 + FAN_OUT - 1);
  }

  @Test
  void locked_onThreads_conservesTheTotal() throws Exception {
    Ledger ledger = new LockedMemoryLedger();
    openFanOut(ledger);

    onThreads(ledger, fanOut(PAUSE));

    assertThat(total(ledger)).isEqualTo(1000);
    assertThat(ledger.read(List.of("hub"), List.of()).balances())
        .containsEntry("hub", 1000L - FAN_OUT);
  }

  @Test
  void locked_onOneEventLoop_conservesTheTotal() throws Exception {
    Ledger ledger = new LockedMemoryLedger();
    openFanOut(ledger);

    onOneLoop(ledger, fanOut(PAUSE));

    assertThat(total(ledger)).isEqualTo(1000);
  }

  @Test
  void locked_waitingOnAnEventLoop_neverBlocksTheLoop() throws Exception {
    LockedMemoryLedger ledger = new LockedMemoryLedger();
    openFanOut(ledger);
    try (TestLoop loop = TestLoop.named("ledger-loop")) {
      // Two transfers queue for the lock; while the first pauses, the loop must stay free.
      CompletableFuture<TransferResult> first =
          ledger.transferAsync(new Transfer("hub", "r0", 1, "a", Duration.ofMillis(300)), loop);
      CompletableFuture<TransferResult> second =
          ledger.transferAsync(new Transfer("hub", "r1", 1, "b", Duration.ZERO), loop);
      CompletableFuture<String> meanwhile = CompletableFuture.supplyAsync(() -> "ran", loop);

      assertThat(meanwhile.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
      assertThat(first).isNotDone();
      assertThat(second).isNotDone();
      assertThat(second.get(5, TimeUnit.SECONDS).fromBalance()).isEqualTo(998L);
      assertThat(first.get().fromBalance()).isEqualTo(999L);
    }
  }

  @Test
  void sameTransferIdThreeTimes_appliesOnce() {
    for (Supplier<Ledger> kind :
        List.<Supplier<Ledger>>of(UnsafeMemoryLedger::new, LockedMemoryLedger::new)) {
      Ledger ledger = kind.get();
      ledger.open(Map.of("a", 100L, "b", 100L));
      Transfer transfer = new Transfer("a", "b", 30, "same");

      List<TransferResult.Status> statuses =
          IntStream.range(0, 3).mapToObj(i -> ledger.transfer(transfer).status()).toList();

      assertThat(statuses)
          .containsExactly(
              TransferResult.Status.APPLIED,
              TransferResult.Status.DUPLICATE,
              TransferResult.Status.DUPLICATE);
      LedgerState state = ledger.read(List.of("a", "b"), List.of("same"));
      assertThat(state.balances()).isEqualTo(Map.of("a", 70L, "b", 130L));
      assertThat(state.transfers()).containsExactly(new LedgerEntry("same", "a", "b", 30));
    }
  }

  @Test
  void overdraft_isRefusedAndChangesNothing() {
    for (Supplier<Ledger> kind :
        List.<Supplier<Ledger>>of(UnsafeMemoryLedger::new, LockedMemoryLedger::new)) {
      Ledger ledger = kind.get();
      ledger.open(Map.of("a", 10L, "b", 0L));

      TransferResult result = ledger.transfer(new Transfer("a", "b", 11, "over"));

      assertThat(result.status()).isEqualTo(TransferResult.Status.REFUSED);
      assertThat(result.reason())
          .contains("insufficient funds")
          .contains("a holds 10")
          .contains("11");
      LedgerState state = ledger.read(List.of("a", "b"), List.of("over"));
      assertThat(state.balances()).isEqualTo(Map.of("a", 10L, "b", 0L));
      assertThat(state.transfers()).isEmpty();
      assertThat(ledger.transfer(new Transfer("a", "nobody", 1, "x")).reason())
          .isEqualTo("no account nobody");
    }
  }

  @Test
  void reopen_movesTheOpeningByWhatWasApplied_andNeverAppliesThoseAgain() {
    for (Supplier<Ledger> kind :
        List.<Supplier<Ledger>>of(UnsafeMemoryLedger::new, LockedMemoryLedger::new)) {
      Ledger ledger = kind.get();
      ledger.reopen(
          Map.of("a", 100L, "b", 0L, "c", 0L),
          List.of(new LedgerEntry("t1", "a", "b", 60), new LedgerEntry("t2", "b", "c", 50)));

      assertThat(ledger.transfer(new Transfer("a", "b", 60, "t1")).status())
          .isEqualTo(TransferResult.Status.DUPLICATE);
      assertThat(ledger.transfer(new Transfer("a", "c", 40, "t3")).status())
          .isEqualTo(TransferResult.Status.APPLIED);
      LedgerState state = ledger.read(List.of("a", "b", "c"), List.of("t1", "t2", "t3"));
      assertThat(state.balances()).isEqualTo(Map.of("a", 0L, "b", 10L, "c", 90L));
      assertThat(state.transfers())
          .containsExactly(
              new LedgerEntry("t1", "a", "b", 60),
              new LedgerEntry("t2", "b", "c", 50),
              new LedgerEntry("t3", "a", "c", 40));
    }
  }
}
