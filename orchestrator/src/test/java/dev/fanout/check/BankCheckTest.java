package dev.fanout.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import dev.fanout.units.ledger.LedgerEntry;
import dev.fanout.units.ledger.LedgerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** Each invariant breaks on its own, and the checker names it. */
class BankCheckTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static SequencedMap<String, Long> opening() {
    SequencedMap<String, Long> opening = new LinkedHashMap<>();
    opening.put("a", 100L);
    opening.put("b", 100L);
    return opening;
  }

  private static TaskRecord task(int index, String id, String status) {
    JsonNode output =
        JSON.objectNode().put("transferId", id).put("status", status).put("attempts", 1);
    return new TaskRecord(index, JSON.objectNode(), output, null, "main", 0, 1, null);
  }

  @Test
  void aCleanRun_holdsEveryInvariant() {
    LedgerState after =
        new LedgerState(Map.of("a", 70L, "b", 130L), List.of(new LedgerEntry("t1", "a", "b", 30)));

    BankVerdict verdict =
        BankCheck.check(
            opening(), after, List.of(task(0, "t1", "applied"), task(1, "t2", "refused")));

    assertThat(verdict.invariantsHold()).as("%s", verdict.broken()).isTrue();
    assertThat(verdict.drift()).isZero();
    assertThat(verdict.applied()).isEqualTo(1);
    assertThat(verdict.refused()).isEqualTo(1);
  }

  @Test
  void aLostUpdate_showsAsDriftAndAsABalanceOffTheBooks() {
    // t1 moved 30 from a to b, but a's debit was overwritten.
    LedgerState after =
        new LedgerState(Map.of("a", 100L, "b", 130L), List.of(new LedgerEntry("t1", "a", "b", 30)));

    BankVerdict verdict = BankCheck.check(opening(), after, List.of(task(0, "t1", "applied")));

    assertThat(verdict.drift()).isEqualTo(30);
    assertThat(verdict.mismatches()).containsExactly(Map.entry("a", 30L));
    assertThat(verdict.broken()).anyMatch(line -> line.contains("drift +30"));
  }

  @Test
  void aTransferAppliedTwice_isCaughtThoughTheTotalHolds() {
    LedgerState after =
        new LedgerState(
            Map.of("a", 40L, "b", 160L),
            List.of(new LedgerEntry("t1", "a", "b", 30), new LedgerEntry("t1", "a", "b", 30)));

    BankVerdict verdict =
        BankCheck.check(
            opening(), after, List.of(task(0, "t1", "applied"), task(1, "t1", "applied")));

    assertThat(verdict.drift()).isZero();
    assertThat(verdict.appliedTwice()).containsExactly("t1");
    assertThat(verdict.invariantsHold()).isFalse();
  }

  @Test
  void balancesMovedTwiceButRecordedOnce_areOffTheBooks() {
    LedgerState after =
        new LedgerState(Map.of("a", 40L, "b", 160L), List.of(new LedgerEntry("t1", "a", "b", 30)));

    BankVerdict verdict = BankCheck.check(opening(), after, List.of(task(0, "t1", "applied")));

    assertThat(verdict.drift()).isZero();
    assertThat(verdict.mismatches()).containsExactly(Map.entry("a", -30L), Map.entry("b", 30L));
    assertThat(verdict.invariantsHold()).isFalse();
  }

  @Test
  void negativeBalances_andUnrecordedTransfers_areNamed() {
    LedgerState after = new LedgerState(Map.of("a", -10L, "b", 210L), List.of());

    BankVerdict verdict = BankCheck.check(opening(), after, List.of(task(0, "ghost", "applied")));

    assertThat(verdict.negativeAccounts()).containsExactly("a -10");
    assertThat(verdict.unrecorded()).containsExactly("ghost");
    assertThat(verdict.broken()).hasSize(3); // negatives, off the books, unrecorded
  }

  @Test
  void failedTasks_areCountedApart() {
    TaskRecord failed =
        new TaskRecord(
            0, JSON.objectNode(), null, new TaskError("LedgerFailed", "x"), "main", 0, 1, null);

    BankVerdict verdict =
        BankCheck.check(opening(), new LedgerState(opening(), List.of()), List.of(failed));

    assertThat(verdict.failed()).isEqualTo(1);
    assertThat(verdict.invariantsHold()).isTrue();
  }

  private static TaskRecord lost(int index, String id, String errorType) {
    return new TaskRecord(
        index,
        JSON.objectNode().put("transferId", id),
        null,
        new TaskError(errorType, "worker pid 1 exited with code 137"),
        "worker-1",
        0,
        1,
        null);
  }

  @Test
  void aTransferWhoseAnswerWasLost_isSettledFromTheLedgersRecords() {
    // t1 was committed by a worker that died before it answered; t2's worker died before commit.
    LedgerState after =
        new LedgerState(Map.of("a", 70L, "b", 130L), List.of(new LedgerEntry("t1", "a", "b", 30)));

    BankVerdict verdict =
        BankCheck.check(
            new LinkedHashMap<>(Map.of("a", 100L, "b", 100L)),
            after,
            List.of(lost(0, "t1", "WorkerDied"), lost(1, "t2", "WorkerHung")));

    assertThat(verdict.failed()).isEqualTo(2);
    assertThat(verdict.settledApplied()).isEqualTo(1);
    assertThat(verdict.failedBeforeCommit()).isEqualTo(1);
    assertThat(verdict.invariantsHold()).as(verdict.broken().toString()).isTrue();
  }

  @Test
  void answersTheRecordsContradict_failTheCheck() {
    LedgerState after =
        new LedgerState(
            Map.of("a", 40L, "b", 160L),
            List.of(new LedgerEntry("t1", "a", "b", 30), new LedgerEntry("t9", "a", "b", 30)));

    BankVerdict verdict =
        BankCheck.check(
            new LinkedHashMap<>(Map.of("a", 100L, "b", 100L)),
            after,
            List.of(task(0, "t1", "refused")));

    assertThat(verdict.disagreements())
        .containsExactly(
            "t1 answered refused but recorded applied", "t9 recorded but asked of no task");
    assertThat(verdict.invariantsHold()).isFalse();
    assertThat(verdict.broken())
        .anySatisfy(line -> assertThat(line).contains("answers and the ledger disagree"));
  }
}
