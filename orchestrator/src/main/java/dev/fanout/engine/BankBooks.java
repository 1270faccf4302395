package dev.fanout.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.Bank;
import dev.fanout.report.JournalFile;
import dev.fanout.units.ledger.Ledger;
import dev.fanout.units.ledger.LedgerEntry;
import java.util.List;

/**
 * The bank's books at the start of a run: the opening balances for a new run; for a resumed one,
 * where the stopped run left them. A DynamoDB table outlived the stopped process and holds them
 * already (opened afresh only when no transfer had moved money yet); a ledger in memory died with
 * it and is rebuilt from the transfers its journal says were applied.
 */
final class BankBooks {
  private BankBooks() {}

  /**
   * @param key the bank run's key in the journal
   * @param resumed the journal of the run this one completes; null for a new run
   * @param durable whether the ledger outlives the process (DynamoDB)
   */
  static void open(
      Ledger ledger, Bank bank, JournalFile.RunKey key, JournalFile resumed, boolean durable) {
    if (resumed == null) {
      ledger.open(bank.opening());
    } else if (durable) {
      if (ledger.read(bank.accounts(), bank.transferIds()).transfers().isEmpty()) {
        ledger.open(bank.opening());
      }
    } else {
      ledger.reopen(bank.opening(), applied(resumed.tasks(key).values()));
    }
  }

  /** The transfers the journalled tasks answered applied, as the ledger recorded them. */
  static List<LedgerEntry> applied(Iterable<TaskRecord> tasks) {
    List<LedgerEntry> applied = new java.util.ArrayList<>();
    for (TaskRecord task : tasks) {
      if (task.ok()
          && task.output() != null
          && "applied".equals(task.output().path("status").asText())) {
        JsonNode input = task.input();
        applied.add(
            new LedgerEntry(
                input.path("transferId").asText(),
                input.path("from").asText(),
                input.path("to").asText(),
                input.path("amount").asLong()));
      }
    }
    return applied;
  }
}
