package dev.fanout.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.TaskRecord;
import dev.fanout.units.ledger.LedgerEntry;
import dev.fanout.units.ledger.LedgerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bank's invariants after a run, from the opening balances, what the ledger holds at the end
 * (for DynamoDB, a consistent read of every account and transfer record) and the tasks' answers:
 * the total is conserved, no balance is negative, each transfer is applied at most once, and every
 * final balance is its initial one plus the recorded transfers. A transfer applied twice keeps the
 * total; only the per-transfer records and the books catch it. A task that failed without an answer
 * (its worker or instance died, or it timed out after sending) is settled from the ledger's
 * records: applied when the ledger holds its transfer, failed before commit otherwise; an answer
 * the records contradict fails the check.
 */
public final class BankCheck {
  private BankCheck() {}

  public static BankVerdict check(
      SequencedMap<String, Long> initial, LedgerState after, List<TaskRecord> tasks) {
    SequencedMap<String, Long> finals = new LinkedHashMap<>();
    for (String account : initial.keySet()) {
      Long balance = after.balances().get(account);
      if (balance != null) {
        finals.put(account, balance);
      }
    }
    long initialTotal = initial.values().stream().mapToLong(Long::longValue).sum();
    long finalTotal = finals.values().stream().mapToLong(Long::longValue).sum();

    List<String> negative = new ArrayList<>();
    finals.forEach(
        (account, balance) -> {
          if (balance < 0) {
            negative.add(account + " " + balance);
          }
        });

    // The books: each account's initial balance plus every transfer the ledger recorded.
    Map<String, Long> expected = new HashMap<>(initial);
    Map<String, Integer> recorded = new HashMap<>();
    for (LedgerEntry entry : after.transfers()) {
      expected.merge(entry.from(), -entry.amount(), Long::sum);
      expected.merge(entry.to(), entry.amount(), Long::sum);
      recorded.merge(entry.transferId(), 1, Integer::sum);
    }
    SequencedMap<String, Long> mismatches = new LinkedHashMap<>();
    for (String account : initial.keySet()) {
      Long actual = finals.get(account);
      long should = expected.getOrDefault(account, 0L);
      if (actual == null) {
        mismatches.put(account, -should);
      } else if (actual != should) {
        mismatches.put(account, actual - should);
      }
    }

    long applied = 0;
    long refused = 0;
    long duplicates = 0;
    long failed = 0;
    long retries = 0;
    long settledApplied = 0;
    long failedBeforeCommit = 0;
    Map<String, Integer> reportedApplied = new HashMap<>();
    Set<String> asked = new HashSet<>();
    List<String> disagreements = new ArrayList<>();
    for (TaskRecord task : tasks) {
      JsonNode output = task.output();
      String id = transferId(task);
      if (!id.isEmpty()) {
        asked.add(id);
      }
      if (!task.ok() || output == null) {
        failed++;
        // The answer is lost, not the outcome: a worker or instance that died after sending may
        // have committed. The ledger's record of the transfer id settles it.
        if (recorded.containsKey(id)) {
          settledApplied++;
        } else {
          failedBeforeCommit++;
        }
        continue;
      }
      retries += Math.max(0, output.path("attempts").asInt(1) - 1);
      switch (output.path("status").asText()) {
        case "applied" -> {
          applied++;
          reportedApplied.merge(id, 1, Integer::sum);
        }
        case "refused" -> {
          refused++;
          if (recorded.containsKey(id)) {
            disagreements.add(id + " answered refused but recorded applied");
          }
        }
        case "duplicate" -> duplicates++;
        default -> failed++;
      }
    }
    recorded.keySet().stream()
        .filter(id -> !asked.contains(id))
        .sorted()
        .forEach(id -> disagreements.add(id + " recorded but asked of no task"));

    TreeSet<String> twice = new TreeSet<>();
    recorded.forEach(
        (id, count) -> {
          if (count > 1) {
            twice.add(id);
          }
        });
    reportedApplied.forEach(
        (id, count) -> {
          if (count > 1) {
            twice.add(id);
          }
        });
    List<String> unrecorded = new ArrayList<>();
    reportedApplied.keySet().stream()
        .filter(id -> !recorded.containsKey(id))
        .sorted()
        .forEach(unrecorded::add);

    return new BankVerdict(
        initial,
        finals,
        initialTotal,
        finalTotal,
        finalTotal - initialTotal,
        negative,
        List.copyOf(twice),
        applied,
        refused,
        duplicates,
        failed,
        retries,
        mismatches,
        unrecorded,
        settledApplied,
        failedBeforeCommit,
        disagreements);
  }

  /** The transfer a task moved: its answer's id, else its input's. */
  private static String transferId(TaskRecord task) {
    JsonNode output = task.output();
    if (output != null && output.hasNonNull("transferId")) {
      return output.get("transferId").asText();
    }
    return task.input() == null ? "" : task.input().path("transferId").asText();
  }
}
