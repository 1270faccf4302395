package dev.fanout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.check.BankCheck;
import dev.fanout.check.BankVerdict;
import dev.fanout.measure.RunResult;
import dev.fanout.plan.Bank;
import dev.fanout.plan.LedgerSettings;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.UnitCatalog;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.LedgerEntry;
import dev.fanout.units.ledger.LedgerState;
import dev.fanout.units.ledger.Transfer;
import dev.fanout.units.ledger.TransferResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bank under every in-JVM strategy: safe runs of 10,000 transfers keep every invariant at any
 * concurrency; unsafe runs drift, made certain by the pause between read and write; and a ledger
 * that applies a transfer twice is caught though the total holds.
 */
class BankStrategiesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static Stream<Arguments> strategiesAndConcurrency() {
    return Stream.concat(
        Stream.of(Arguments.of("sequential", 1)),
        Stream.of("threads", "async", "virtual")
            .flatMap(s -> Stream.of(1, 8, 32, 64).map(c -> Arguments.of(s, c))));
  }

  private static BankVerdict run(
      String strategy, int concurrency, LedgerSettings ledger, Bank bank, List<RunResult> into) {
    UnitSettings settings = UnitSettings.forLedger(ledger);
    try (UnitRuntime runtime = UnitRuntime.open(settings)) {
      runtime.ledger().open(bank.opening());
      Strategies.Context context =
          new Strategies.Context(runtime.catalog(), settings, 0, System::nanoTime)
              .atConcurrency(concurrency);
      RunResult result =
          Strategies.create(StrategyKind.of(strategy), bank.workload(), context)
              .run(bank.workload(), r -> {});
      into.add(result);
      LedgerState after = runtime.ledger().read(bank.accounts(), bank.transferIds());
      return BankCheck.check(bank.opening(), after, result.tasks());
    }
  }

  @ParameterizedTest(name = "{0} at concurrency {1}")
  @MethodSource("strategiesAndConcurrency")
  void safe_tenThousandTransfers_keepEveryInvariant(String strategy, int concurrency) {
    Bank bank = Bank.create(5, 1000, 10_000, 100, 0, 0, "safe", 3);
    List<RunResult> runs = new ArrayList<>();

    BankVerdict verdict = run(strategy, concurrency, LedgerSettings.memory(true), bank, runs);

    assertThat(runs.get(0).failed()).isZero();
    assertThat(verdict.broken()).isEmpty();
    assertThat(verdict.drift()).isZero();
    assertThat(verdict.negativeAccounts()).isEmpty();
    assertThat(verdict.appliedTwice()).isEmpty();
    assertThat(verdict.applied() + verdict.refused()).isEqualTo(10_000);
    assertThat(verdict.applied()).isPositive();
    assertThat(runs.get(0).concurrency())
        .isEqualTo(strategy.equals("sequential") ? 1 : concurrency);
  }

  /**
   * Transfers of 1 from one hub to accounts of their own: only the hub can lose an update, and
   * every lost debit adds money, so any overlap within the pause shows as positive drift.
   */
  private static Bank fanOut(int transfers, long pauseMicros) {
    SequencedMap<String, Long> opening = new LinkedHashMap<>();
    opening.put("hub", 1_000_000L);
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      opening.put("r" + i, 0L);
      inputs.add(
          JSON.objectNode()
              .put("from", "hub")
              .put("to", "r" + i)
              .put("amount", 1)
              .put("transferId", "f" + i)
              .put("pauseMicros", pauseMicros));
    }
    return new Bank(opening, new Workload("transfer", inputs, 8, "fan-out"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"threads", "async", "virtual"})
  void unsafe_atConcurrencyAboveOne_drifts(String strategy) {
    Bank bank = fanOut(64, 20_000);

    BankVerdict verdict = run(strategy, 8, LedgerSettings.memory(false), bank, new ArrayList<>());

    assertThat(verdict.drift()).isPositive();
    assertThat(verdict.mismatches()).containsKey("hub");
    assertThat(verdict.invariantsHold()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"threads", "async", "virtual"})
  void safe_withTheSamePause_doesNotDrift(String strategy) {
    Bank bank = fanOut(16, 5_000);

    BankVerdict verdict = run(strategy, 8, LedgerSettings.memory(true), bank, new ArrayList<>());

    assertThat(verdict.broken()).isEmpty();
    assertThat(verdict.finals()).containsEntry("hub", 1_000_000L - 16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threads", "async", "virtual"})
  void unsafe_atConcurrencyOne_doesNotDrift(String strategy) {
    Bank bank = fanOut(16, 1_000);

    BankVerdict verdict = run(strategy, 1, LedgerSettings.memory(false), bank, new ArrayList<>());

    assertThat(verdict.broken()).isEmpty();
  }

  /** A ledger that forgot idempotency: every call applies, so a retried transfer applies again. */
  private static final class ForgetfulLedger implements Ledger {
    private final Map<String, Long> balances = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<LedgerEntry> journal = new ConcurrentLinkedQueue<>();

    @Override
    public void open(Map<String, Long> opening) {
      balances.putAll(opening);
    }

    @Override
    public synchronized TransferResult transfer(Transfer t) {
      balances.merge(t.from(), -t.amount(), Long::sum);
      balances.merge(t.to(), t.amount(), Long::sum);
      journal.add(new LedgerEntry(t.transferId(), t.from(), t.to(), t.amount()));
      return TransferResult.applied(balances.get(t.from()), balances.get(t.to()), 1);
    }

    @Override
    public LedgerState read(Collection<String> accounts, Collection<String> transferIds) {
      return new LedgerState(Map.copyOf(balances), List.copyOf(journal));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threads", "async", "virtual"})
  void aLedgerThatAppliesATransferTwice_isCaughtThoughTheTotalHolds(String strategy) {
    ForgetfulLedger ledger = new ForgetfulLedger();
    SequencedMap<String, Long> opening = new LinkedHashMap<>(Map.of("a", 100L));
    opening.put("b", 100L);
    ledger.open(opening);
    // The same transfer sent three times, as a caller retrying after a timeout would.
    List<JsonNode> inputs =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    (JsonNode)
                        JSON.objectNode()
                            .put("from", "a")
                            .put("to", "b")
                            .put("amount", 10)
                            .put("transferId", "retried"))
            .toList();
    Workload workload = new Workload("transfer", inputs, 3, "retries");
    UnitCatalog catalog = catalogWith(ledger);

    RunResult result =
        Strategies.create(
                StrategyKind.of(strategy),
                workload,
                new Strategies.Context(
                    catalog,
                    UnitSettings.forLedger(LedgerSettings.memory(true)),
                    3,
                    System::nanoTime))
            .run(workload, r -> {});
    BankVerdict verdict =
        BankCheck.check(opening, ledger.read(List.of(), List.of()), result.tasks());

    assertThat(verdict.drift()).isZero();
    assertThat(verdict.appliedTwice()).containsExactly("retried");
    assertThat(verdict.invariantsHold()).isFalse();
  }

  private static UnitCatalog catalogWith(Ledger ledger) {
    return UnitCatalog.create(
        new dev.fanout.units.UnitDependencies(
            null, null, java.net.URI.create("http://127.0.0.1:9/"), ledger));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threads", "async", "virtual"})
  void sameTransferIdThreeTimes_appliesOnce_andAnOverdraftChangesNothing(String strategy) {
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inputs.add(
          JSON.objectNode()
              .put("from", "a")
              .put("to", "b")
              .put("amount", 10)
              .put("transferId", "x"));
    }
    inputs.add(
        JSON.objectNode()
            .put("from", "b")
            .put("to", "a")
            .put("amount", 500)
            .put("transferId", "big"));
    SequencedMap<String, Long> opening = new LinkedHashMap<>();
    opening.put("a", 100L);
    opening.put("b", 100L);
    Bank bank = new Bank(opening, new Workload("transfer", inputs, 3, "retries"));
    List<RunResult> runs = new ArrayList<>();

    BankVerdict verdict = run(strategy, 3, LedgerSettings.memory(true), bank, runs);

    List<String> statuses =
        runs.get(0).tasks().stream().map(t -> t.output().get("status").asText()).toList();
    assertThat(statuses.subList(0, 3))
        .containsExactlyInAnyOrder("applied", "duplicate", "duplicate");
    assertThat(statuses.get(3)).isEqualTo("refused");
    assertThat(verdict.finals()).containsExactly(Map.entry("a", 90L), Map.entry("b", 110L));
    assertThat(verdict.broken()).isEmpty();
  }
}
