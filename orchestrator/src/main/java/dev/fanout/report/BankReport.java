package dev.fanout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.check.BankVerdict;
import dev.fanout.measure.RunResult;
import java.io.PrintWriter;
import java.util.Map;

/**
 * One bank run for people and for programs: balances before and after, the total and its drift,
 * negative balances, transfers applied twice, applied and refused, the wall time, and which
 * invariants broke.
 *
 * @param mode "unsafe" or "safe"
 * @param ledger "memory" or "dynamodb"
 * @param ledgerPlace where the ledger lived, e.g. "local DynamoDB http://127.0.0.1:41234, table t"
 */
public record BankReport(
    String mode, String ledger, String ledgerPlace, RunResult run, BankVerdict verdict) {

  public void print(PrintWriter out) {
    out.printf(
        "bank: %d transfers, %s mode, %s ledger, %s (concurrency %d)%n",
        run.tasks().size(), mode, ledger, run.strategy().label(), run.concurrency());
    out.println("  ledger    " + ledgerPlace);
    if (run.lambda() != null) {
      out.println("  lambda    " + run.lambda().target());
    }
    out.println("  initial   " + balances(verdict.initial()));
    out.println("  final     " + balances(verdict.finals()));
    out.printf(
        "  total     %d -> %d   drift %s%n",
        verdict.initialTotal(), verdict.finalTotal(), signed(verdict.drift()));
    out.println(
        "  negative  "
            + (verdict.negativeAccounts().isEmpty()
                ? "none"
                : String.join(", ", verdict.negativeAccounts())));
    out.printf(
        "  transfers %d applied, %d refused (insufficient funds), %d already applied, %d failed,"
            + " %d applied twice%n",
        verdict.applied(),
        verdict.refused(),
        verdict.duplicates(),
        verdict.failed(),
        verdict.appliedTwice().size());
    if (verdict.retries() > 0 || (run.lambda() != null && run.lambda().throttles() > 0)) {
      out.printf(
          "  retries   %d transaction retries%s%n",
          verdict.retries(),
          run.lambda() == null ? "" : ", " + run.lambda().throttles() + " throttled invocations");
    }
    out.println("  wall      " + ConsoleTable.duration(run.wallMillis()));
    if (!run.startupMillis().isEmpty()) {
      double slowest =
          run.startupMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      out.println(
          "  start-up  "
              + run.startupMillis().size()
              + " worker JVMs, slowest "
              + ConsoleTable.duration(slowest)
              + " (not in wall)");
    }
    run.tasks().stream()
        .filter(task -> !task.ok())
        .findFirst()
        .ifPresent(
            task ->
                out.println(
                    "  first failure: " + task.error().type() + ": " + task.error().message()));
    if (verdict.invariantsHold()) {
      out.println(
          "invariants hold: total conserved, no negative balance, each transfer applied at most"
              + " once, balances match the transfer records");
    } else {
      out.println(
          "invariants broken"
              + (mode.equals("unsafe")
                  ? " (what unsafe mode shows: lost updates between read and write)"
                  : "")
              + ":");
      verdict.broken().forEach(line -> out.println("  - " + line));
    }
    out.flush();
  }

  /** The documented JSON: fields are only ever added, never renamed. */
  public ObjectNode json() {
    ObjectNode root = JsonReport.mapper().createObjectNode();
    root.putObject("machine")
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    root.put("strategy", run.strategy().label())
        .put("mode", mode)
        .put("ledger", ledger)
        .put("ledgerPlace", ledgerPlace)
        .put("transfers", run.tasks().size())
        .put("accounts", verdict.initial().size())
        .put("concurrency", run.concurrency());
    root.put("initialTotal", verdict.initialTotal())
        .put("finalTotal", verdict.finalTotal())
        .put("drift", verdict.drift())
        .put("negativeBalances", verdict.negativeAccounts().size())
        .put("appliedTwice", verdict.appliedTwice().size())
        .put("applied", verdict.applied())
        .put("refused", verdict.refused())
        .put("duplicates", verdict.duplicates())
        .put("failed", verdict.failed())
        .put("retries", verdict.retries())
        .put("wallMillis", run.wallMillis())
        .put("invariantsHold", verdict.invariantsHold());
    ObjectNode initial = root.putObject("initialBalances");
    verdict.initial().forEach(initial::put);
    ObjectNode finals = root.putObject("finalBalances");
    verdict.finals().forEach(finals::put);
    ObjectNode mismatches = root.putObject("mismatches");
    verdict.mismatches().forEach(mismatches::put);
    var broken = root.putArray("broken");
    verdict.broken().forEach(broken::add);
    var twice = root.putArray("appliedTwiceIds");
    verdict.appliedTwice().forEach(twice::add);
    if (run.lambda() != null) {
      root.put("lambdaTarget", run.lambda().target())
          .put("throttles", run.lambda().throttles())
          .put("costUsd", run.lambda().costUsd());
    }
    return root;
  }

  private static String balances(Map<String, Long> balances) {
    StringBuilder text = new StringBuilder();
    balances.forEach(
        (account, balance) ->
            text.append(text.isEmpty() ? "" : "  ").append(account).append(' ').append(balance));
    return text.toString();
  }

  private static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
