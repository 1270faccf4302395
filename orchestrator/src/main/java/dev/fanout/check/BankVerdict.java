package dev.fanout.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * What the bank's invariants say of one run (Jepsen's bank test, plus a per-transfer ledger).
 *
 * @param initial every account's balance before the run
 * @param finals every account's balance after it (a missing account is absent)
 * @param drift finalTotal - initialTotal; 0 when money is conserved
 * @param negativeAccounts accounts left below zero
 * @param appliedTwice transfer ids applied more than once, by the ledger's records or by tasks
 * @param applied tasks that applied their transfer
 * @param refused tasks whose transfer was refused (insufficient funds, unknown account)
 * @param duplicates tasks answered "already applied" (a retry of an applied transfer)
 * @param failed tasks that ended with an error
 * @param retries extra tries the ledger needed (transaction conflicts)
 * @param mismatches accounts whose final balance is not the initial one plus the recorded
 *     transfers, by account: actual minus expected
 * @param unrecorded transfers a task reported applied that the ledger has no record of
 * @param settledApplied failed tasks whose transfer the ledger recorded: applied, the answer lost
 * @param failedBeforeCommit failed tasks whose transfer the ledger has no record of
 * @param disagreements transfers whose answers and records disagree (answered refused but recorded,
 *     recorded but asked of no task)
 */
public record BankVerdict(
    SequencedMap<String, Long> initial,
    SequencedMap<String, Long> finals,
    long initialTotal,
    long finalTotal,
    long drift,
    List<String> negativeAccounts,
    List<String> appliedTwice,
    long applied,
    long refused,
    long duplicates,
    long failed,
    long retries,
    SequencedMap<String, Long> mismatches,
    List<String> unrecorded,
    long settledApplied,
    long failedBeforeCommit,
    List<String> disagreements) {

  public BankVerdict {
    initial = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(initial));
    finals = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(finals));
    mismatches = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(mismatches));
    negativeAccounts = List.copyOf(negativeAccounts);
    appliedTwice = List.copyOf(appliedTwice);
    unrecorded = List.copyOf(unrecorded);
    disagreements = List.copyOf(disagreements);
  }

  /** Whether every invariant holds: total conserved, none negative, each transfer once, books. */
  public boolean invariantsHold() {
    return broken().isEmpty();
  }

  /** One line per broken invariant, saying what broke; empty when all hold. */
  public List<String> broken() {
    List<String> broken = new ArrayList<>();
    if (drift != 0) {
      broken.add(
          "total not conserved: "
              + initialTotal
              + " before, "
              + finalTotal
              + " after (drift "
              + signed(drift)
              + ")");
    }
    if (!negativeAccounts.isEmpty()) {
      broken.add("negative balances: " + String.join(", ", negativeAccounts));
    }
    if (!appliedTwice.isEmpty()) {
      broken.add(
          appliedTwice.size()
              + " transfer(s) applied more than once: "
              + String.join(", ", appliedTwice.subList(0, Math.min(5, appliedTwice.size())))
              + (appliedTwice.size() > 5 ? ", ..." : ""));
    }
    if (!mismatches.isEmpty()) {
      List<String> accounts = new ArrayList<>();
      mismatches.forEach((account, off) -> accounts.add(account + " " + signed(off)));
      broken.add(
          "balances differ from the initial ones plus the recorded transfers: "
              + String.join(", ", accounts));
    }
    if (!unrecorded.isEmpty()) {
      broken.add(
          unrecorded.size()
              + " transfer(s) reported applied but missing from the ledger: "
              + String.join(", ", unrecorded.subList(0, Math.min(5, unrecorded.size())))
              + (unrecorded.size() > 5 ? ", ..." : ""));
    }
    if (!disagreements.isEmpty()) {
      broken.add(
          disagreements.size()
              + " transfer(s) where the answers and the ledger disagree: "
              + String.join(", ", disagreements.subList(0, Math.min(5, disagreements.size())))
              + (disagreements.size() > 5 ? ", ..." : ""));
    }
    return broken;
  }

  private static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
