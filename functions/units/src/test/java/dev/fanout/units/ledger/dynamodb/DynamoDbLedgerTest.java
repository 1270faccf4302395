package dev.fanout.units.ledger.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.localcloud.dynamodb.LocalDynamoDb;
import dev.fanout.units.aws.AwsTarget;
import dev.fanout.units.ledger.LedgerEntry;
import dev.fanout.units.ledger.LedgerState;
import dev.fanout.units.ledger.Transfer;
import dev.fanout.units.ledger.TransferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB ledger through the real AWS SDK client, against fanout's local DynamoDB on
 * 127.0.0.1: one transaction per transfer, applied at most once, overdrafts refused, conflicts
 * retried.
 */
class DynamoDbLedgerTest {
  private static LocalDynamoDb dynamo;
  private static LocalDynamoDb conflicting;
  private static DynamoDbClient client;
  private static int tables;

  @BeforeAll
  static void start() {
    dynamo = LocalDynamoDb.start();
    // Every second transaction is cancelled with TransactionConflict, as under contention.
    conflicting = LocalDynamoDb.start("127.0.0.1", 0, 2);
    client =
        DynamoDbLedger.client(AwsTarget.endpoint(dynamo.endpoint()), Duration.ofSeconds(10), 64);
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
    conflicting.close();
  }

  private static DynamoDbLedger ledger(LocalDynamoDb on, Map<String, Long> balances) {
    String table = "ledger-" + ++tables;
    DynamoDbClient own =
        DynamoDbLedger.client(AwsTarget.endpoint(on.endpoint()), Duration.ofSeconds(10), 64);
    DynamoDbLedger.createTableIfMissing(own, table);
    DynamoDbLedger ledger = new DynamoDbLedger(own, table);
    ledger.open(balances);
    return ledger;
  }

  @Test
  void transfer_movesTheAmountAndRecordsIt() {
    try (DynamoDbLedger ledger = ledger(dynamo, Map.of("a", 100L, "b", 5L))) {
      TransferResult result = ledger.transfer(new Transfer("a", "b", 30, "t1"));

      assertThat(result.status()).isEqualTo(TransferResult.Status.APPLIED);
      assertThat(result.attempts()).isEqualTo(1);
      LedgerState state = ledger.read(List.of("a", "b"), List.of("t1", "t2"));
      assertThat(state.balances()).isEqualTo(Map.of("a", 70L, "b", 35L));
      assertThat(state.transfers()).containsExactly(new LedgerEntry("t1", "a", "b", 30));
    }
  }

  @Test
  void sameTransferIdThreeTimes_appliesOnce() {
    try (DynamoDbLedger ledger = ledger(dynamo, Map.of("a", 100L, "b", 0L))) {
      Transfer transfer = new Transfer("a", "b", 40, "again");

      List<TransferResult.Status> statuses =
          IntStream.range(0, 3).mapToObj(i -> ledger.transfer(transfer).status()).toList();

      assertThat(statuses)
          .containsExactly(
              TransferResult.Status.APPLIED,
              TransferResult.Status.DUPLICATE,
              TransferResult.Status.DUPLICATE);
      assertThat(ledger.read(List.of("a", "b"), List.of()).balances())
          .isEqualTo(Map.of("a", 60L, "b", 40L));
    }
  }

  @Test
  void overdraft_isRefusedNamingTheBalance_andChangesNothing() {
    try (DynamoDbLedger ledger = ledger(dynamo, Map.of("a", 10L, "b", 0L))) {
      TransferResult result = ledger.transfer(new Transfer("a", "b", 11, "over"));

      assertThat(result.status()).isEqualTo(TransferResult.Status.REFUSED);
      assertThat(result.reason())
          .isEqualTo("insufficient funds: a holds 10, the transfer needs 11");
      LedgerState state = ledger.read(List.of("a", "b"), List.of("over"));
      assertThat(state.balances()).isEqualTo(Map.of("a", 10L, "b", 0L));
      assertThat(state.transfers()).isEmpty();
      // Refused, not recorded: the same id may go through once the money is there.
      ledger.open(Map.of("a", 11L));
      assertThat(ledger.transfer(new Transfer("a", "b", 11, "over")).status())
          .isEqualTo(TransferResult.Status.APPLIED);
    }
  }

  @Test
  void unknownAccounts_areRefused() {
    try (DynamoDbLedger ledger = ledger(dynamo, Map.of("a", 10L))) {
      assertThat(ledger.transfer(new Transfer("nobody", "a", 1, "x")).reason())
          .isEqualTo("no account nobody");
      assertThat(ledger.transfer(new Transfer("a", "nobody", 1, "y")).reason())
          .isEqualTo("no account nobody");
      assertThat(ledger.read(List.of("a"), List.of()).balances()).containsEntry("a", 10L);
    }
  }

  @Test
  void conflictingTransactions_areRetried_andEachTransferAppliesOnce() {
    try (DynamoDbLedger ledger = ledger(conflicting, Map.of("a", 1000L, "b", 1000L))) {
      List<TransferResult> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        results.add(
            ledger.transfer(
                new Transfer(i % 2 == 0 ? "a" : "b", i % 2 == 0 ? "b" : "a", 10 + i, "c" + i)));
      }

      assertThat(results).allMatch(r -> r.status() == TransferResult.Status.APPLIED);
      assertThat(results).anyMatch(r -> r.attempts() > 1);
      LedgerState state =
          ledger.read(List.of("a", "b"), IntStream.range(0, 10).mapToObj(i -> "c" + i).toList());
      assertThat(state.transfers()).hasSize(10);
      // a sent 10+12+14+16+18 = 70 and got 11+13+15+17+19 = 75.
      assertThat(state.balances()).isEqualTo(Map.of("a", 1005L, "b", 995L));
    }
  }

  @Test
  void manyConcurrentTransfers_conserveTheTotal_andNeverOverdraw() throws Exception {
    Map<String, Long> opening = Map.of("a", 300L, "b", 300L, "c", 300L, "d", 300L);
    List<String> accounts = List.copyOf(opening.keySet());
    try (DynamoDbLedger ledger = ledger(dynamo, opening);
        ExecutorService pool = Executors.newFixedThreadPool(32)) {
      Random random = new Random(7);
      List<Future<TransferResult>> results = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int from = random.nextInt(4);
        int to = (from + 1 + random.nextInt(3)) % 4;
        Transfer transfer =
            new Transfer(accounts.get(from), accounts.get(to), 1 + random.nextInt(100), "m" + i);
        results.add(pool.submit(() -> ledger.transfer(transfer)));
      }
      long applied = 0;
      for (Future<TransferResult> result : results) {
        if (result.get().status() == TransferResult.Status.APPLIED) {
          applied++;
        }
      }

      LedgerState state =
          ledger.read(accounts, IntStream.range(0, 1000).mapToObj(i -> "m" + i).toList());
      assertThat(state.balances().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(1200);
      assertThat(state.balances().values()).allMatch(balance -> balance >= 0);
      assertThat(state.transfers()).hasSize((int) applied);
    }
  }
}
