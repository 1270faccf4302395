package dev.fanout.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SequencedMap;

/**
 * The articles' bank (article 4): accounts {@code bank_1..bank_N} of equal balance, and transfers
 * of a random amount between two different random accounts, each after a "verify user" wait. The
 * random choices come from a fixed seed, so a task list can be run again as it was.
 *
 * @param opening every account's balance before the run
 * @param workload the {@code transfer} tasks
 */
public record Bank(SequencedMap<String, Long> opening, Workload workload) {
  public static final int SEED_ACCOUNTS = 5;
  public static final long SEED_BALANCE = 1000;
  public static final int SEED_TRANSFERS = 20;
  public static final long SEED_MAX_AMOUNT = 100;
  public static final long SEED_VERIFY_MILLIS = 100;
  public static final long SEED_PAUSE_MICROS = 100;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  public Bank {
    opening = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(opening));
  }

  /**
   * @param transferPrefix starts every transfer id, so that runs sharing a table never collide
   * @param verifyMillis each transfer's wait before it moves money (the articles' 100 ms)
   * @param pauseMicros an in-memory ledger's pause between a read and its write (the articles' 0.1
   *     ms)
   */
  public static Bank create(
      int accounts,
      long balance,
      int transfers,
      long maxAmount,
      long verifyMillis,
      long pauseMicros,
      String transferPrefix,
      long seed) {
    if (accounts < 2) {
      throw new IllegalArgumentException("a transfer needs two accounts; got " + accounts);
    }
    SequencedMap<String, Long> opening = new LinkedHashMap<>();
    for (int i = 1; i <= accounts; i++) {
      opening.put("bank_" + i, balance);
    }
    List<String> names = List.copyOf(opening.keySet());
    Random random = new Random(seed);
    List<JsonNode> inputs = new ArrayList<>(transfers);
    for (int i = 0; i < transfers; i++) {
      int from = random.nextInt(accounts);
      int to = random.nextInt(accounts - 1);
      if (to >= from) {
        to++; // any account but the sender, each as likely
      }
      inputs.add(
          JSON.objectNode()
              .put("from", names.get(from))
              .put("to", names.get(to))
              .put(
                  "amount", 1 + (long) random.nextInt((int) Math.min(Integer.MAX_VALUE, maxAmount)))
              .put("transferId", transferPrefix + "-" + (i + 1))
              .put("verifyMillis", verifyMillis)
              .put("pauseMicros", pauseMicros));
    }
    int pythonThreads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    return new Bank(
        opening,
        new Workload(
            "transfer",
            inputs,
            pythonThreads,
            "article 4: random transfers of 1.."
                + maxAmount
                + " between "
                + accounts
                + " accounts of "
                + balance));
  }

  public List<String> accounts() {
    return List.copyOf(opening.keySet());
  }

  public List<String> transferIds() {
    return workload.inputs().stream().map(input -> input.get("transferId").asText()).toList();
  }

  public long openingTotal() {
    return opening.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every account's opening balance, as a plain map. */
  public Map<String, Long> openingBalances() {
    return Map.copyOf(opening);
  }
}
