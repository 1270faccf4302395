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
 * @param resumed the journal the run completed; null for a run that ran whole
 */
public record BankReport(
    String mode,
    String ledger,
    String ledgerPlace,
    RunResult run,
    BankVerdict verdict,
    JournalFile resumed) {

  public void print(PrintWriter out) {
    line(
        out,
        "",
        String.format(
            "bank: %d transfers, %s mode, %s ledger, %s (concurrency %d)",
            run.tasks().size(), mode, ledger, run.strategy().label(), run.concurrency()));
    line(out, "ledger", ledgerPlace);
    if (run.lambda() != null) {
      line(out, "lambda", run.lambda().target());
    }
    if (resumed != null) {
      line(
          out,
          "resumed",
          String.format(
              "from %s: %d transfers carried over%s",
              resumed.file(),
              resumed.taskCount(),
              verdict.duplicates() > 0
                  ? "; those answered 'already applied' were applied before the stop"
                  : ""));
    }
    balances(out, "initial", verdict.initial());
    balances(out, "final", verdict.finals());
    line(
        out,
        "total",
        String.format(
            "%d -> %d   drift %s",
            verdict.initialTotal(), verdict.finalTotal(), signed(verdict.drift())));
    line(
        out,
        "negative",
        verdict.negativeAccounts().isEmpty()
            ? "none"
            : String.join(", ", verdict.negativeAccounts()));
    line(
        out,
        "transfers",
        String.format(
            "%d applied, %d refused (insufficient funds), %d already applied, %d failed,"
                + " %d applied twice",
            verdict.applied(),
            verdict.refused(),
            verdict.duplicates(),
            verdict.failed(),
            verdict.appliedTwice().size()));
    if (verdict.failed() > 0) {
      line(
          out,
          "settled",
          String.format(
              "of the %d failed: %d applied by the ledger's records (the answer was lost), %d"
                  + " failed before commit",
              verdict.failed(), verdict.settledApplied(), verdict.failedBeforeCommit()));
    }
    if (verdict.retries() > 0 || (run.lambda() != null && run.lambda().throttles() > 0)) {
      line(
          out,
          "retries",
          verdict.retries()
              + " transaction retries"
              + (run.lambda() == null
                  ? ""
                  : ", " + run.lambda().throttles() + " throttled invocations"));
    }
    line(out, "wall", ConsoleTable.duration(run.wallMillis()));
    if (!run.startupMillis().isEmpty()) {
      double slowest =
          run.startupMillis().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      line(
          out,
          "start-up",
          run.startupMillis().size()
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
                    ConsoleTable.wrap(
                        "first failure: " + task.error().type() + ": " + task.error().message(),
                        "  ",
                        ConsoleTable.WIDTH)));
    if (verdict.invariantsHold()) {
      line(
          out,
          "",
          "invariants hold: total conserved, no negative balance, each transfer applied at most"
              + " once, balances match the transfer records");
    } else {
      line(
          out,
          "",
          "invariants broken"
              + (mode.equals("unsafe")
                  ? " (what unsafe mode shows: lost updates between read and write)"
                  : "")
              + ":");
      verdict
          .broken()
          .forEach(
              line -> out.println(ConsoleTable.wrap(line, "  - ", "    ", ConsoleTable.WIDTH)));
    }
    out.flush();
  }

  /**
   * One fact: under its name in a column of its own, wrapped under its text; a line of its own
   * (wrapped with a hanging indent) without a name.
   */
  private static void line(PrintWriter out, String name, String text) {
    if (name.isEmpty()) {
      out.println(ConsoleTable.wrap(text, "", "  ", ConsoleTable.WIDTH));
    } else {
      out.println(
          ConsoleTable.wrap(
              text, String.format("  %-9s ", name), " ".repeat(12), ConsoleTable.WIDTH));
    }
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
        .put("settledApplied", verdict.settledApplied())
        .put("failedBeforeCommit", verdict.failedBeforeCommit())
        .put("retries", verdict.retries())
        .put("wallMillis", run.wallMillis())
        .put("invariantsHold", verdict.invariantsHold());
    if (resumed != null) {
      root.put("resumedFrom", resumed.file().toAbsolutePath().toString())
          .put("carriedOverTasks", resumed.taskCount());
    }
    ObjectNode initial = root.putObject("initialBalances");
    verdict.initial().forEach(initial::put);
    ObjectNode finals = root.putObject("finalBalances");
    verdict.finals().forEach(finals::put);
    ObjectNode mismatches = root.putObject("mismatches");
    verdict.mismatches().forEach(mismatches::put);
    var broken = root.putArray("broken");
    verdict.broken().forEach(broken::add);
    var disagree = root.putArray("disagreements");
    verdict.disagreements().forEach(disagree::add);
    var twice = root.putArray("appliedTwiceIds");
    verdict.appliedTwice().forEach(twice::add);
    if (run.lambda() != null) {
      root.put("lambdaTarget", run.lambda().target())
          .put("throttles", run.lambda().throttles())
          .put("costUsd", run.lambda().costUsd());
    }
    return root;
  }

  /** Each account and its balance, as many pairs to a line as fit, never split. */
  private static void balances(PrintWriter out, String name, Map<String, Long> balances) {
    StringBuilder line = new StringBuilder(String.format("  %-9s ", name));
    int lineStart = 0;
    for (Map.Entry<String, Long> account : balances.entrySet()) {
      String pair = account.getKey() + " " + account.getValue();
      boolean first = line.length() == 12 + lineStart;
      if (!first && line.length() - lineStart + 2 + pair.length() > ConsoleTable.WIDTH) {
        line.append('\n');
        lineStart = line.length();
        line.append(" ".repeat(12));
        first = true;
      }
      line.append(first ? "" : "  ").append(pair);
    }
    out.println(line);
  }

  private static String signed(long value) {
    return value > 0 ? "+" + value : Long.toString(value);
  }
}
