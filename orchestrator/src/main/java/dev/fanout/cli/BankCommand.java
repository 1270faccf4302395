package dev.fanout.cli;

import dev.fanout.engine.Lab;
import dev.fanout.engine.LabSettings;
import dev.fanout.engine.LedgerChoice;
import dev.fanout.plan.Bank;
import dev.fanout.report.BankReport;
import dev.fanout.report.Journal;
import dev.fanout.report.JsonReport;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.LedgerException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fanout bank}: the articles' bank transfers under one strategy, then the bank's invariants
 * checked against what the ledger holds.
 */
@Command(
    name = "bank",
    mixinStandardHelpOptions = true,
    description = {
      "Runs random transfers between bank accounts under one strategy, then checks that the total"
          + " is conserved, no balance is negative, each transfer applied at most once, and every"
          + " balance is its initial one plus the recorded transfers.",
      "--mode unsafe reads a balance, pauses and writes it back (the articles' race); --mode safe"
          + " does it under a lock, or, across processes and Lambda, as one DynamoDB transaction.",
      "Exit codes: 0 done (an unsafe run that drifts is the lesson, not a failure); 1 a safe run"
          + " broke an invariant, or a transfer failed; 2 bad usage."
    })
final class BankCommand implements Callable<Integer> {
  /** The one unit a bank run invokes. */
  private static final String TRANSFER = "transfer";

  @Spec CommandSpec spec;

  @Option(
      names = {"--strategy", "-s"},
      paramLabel = "S",
      description = "The strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      converter = StrategyKinds.Converter.class,
      completionCandidates = StrategyKinds.Names.class)
  StrategyKind strategy = StrategyKind.THREADS;

  @Option(
      names = "--mode",
      paramLabel = "unsafe|safe",
      defaultValue = "safe",
      description = "unsafe: read, pause, write with no lock; safe: a lock or a transaction.")
  String mode;

  @Option(
      names = "--transfers",
      paramLabel = "N",
      defaultValue = "" + Bank.SEED_TRANSFERS,
      description = "How many transfers (default: the articles' ${DEFAULT-VALUE}).")
  int transfers;

  @Option(
      names = "--accounts",
      paramLabel = "A",
      defaultValue = "" + Bank.SEED_ACCOUNTS,
      description = "How many accounts, bank_1..bank_A (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--balance",
      paramLabel = "B",
      defaultValue = "" + Bank.SEED_BALANCE,
      description = "Each account's opening balance (default: ${DEFAULT-VALUE}).")
  long balance;

  @Option(
      names = "--max-amount",
      paramLabel = "M",
      defaultValue = "" + Bank.SEED_MAX_AMOUNT,
      description = "Each transfer moves 1..M (default: ${DEFAULT-VALUE}).")
  long maxAmount;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      description =
          "Transfers in flight at once: the pool of threads and processes, the invocations of"
              + " lambda, a cap for async and virtual (default: each strategy's own, as in compare;"
              + " sequential is always 1).")
  Integer concurrency;

  @Option(
      names = "--ledger",
      paramLabel = "memory|dynamodb",
      description =
          "Where the balances live (default: memory for the in-JVM strategies, dynamodb for"
              + " processes and lambda).")
  String ledger;

  @Option(
      names = "--verify-ms",
      paramLabel = "MS",
      defaultValue = "" + Bank.SEED_VERIFY_MILLIS,
      description = "Each transfer's 'verify user' wait first (default: ${DEFAULT-VALUE}).")
  long verifyMillis;

  @Option(
      names = "--pause-us",
      paramLabel = "US",
      defaultValue = "" + Bank.SEED_PAUSE_MICROS,
      description =
          "The in-memory ledger's pause between reading a balance and writing it, in"
              + " microseconds (default: the articles' ${DEFAULT-VALUE}).")
  long pauseMicros;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "3",
      description = "Seed of the random transfers (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  Path json;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description =
          "dynamodb: the table (default: the LedgerTableName output of --stack; without it a new"
              + " one per run on a local endpoint, and --aws needs one).")
  String table;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description =
          "dynamodb: a DynamoDB endpoint of your own (DynamoDB Local, LocalStack) instead of"
              + " fanout's local one.")
  URI dynamoDbEndpoint;

  @Option(
      names = "--conflict-every",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "fanout's local DynamoDB cancels every Nth transaction with TransactionConflict, as"
              + " DynamoDB does under contention, to show the retries (default: never).")
  int conflictEvery;

  /** Where the transfers are invoked for --strategy lambda: --endpoint, --aws, --function.. */
  @Mixin LambdaOptions lambda;

  /** How long a transfer may take in a worker JVM, for --strategy processes. */
  @Mixin WorkerJvmOptions workerJvms;

  /** Where a safe run is journalled, so that --resume completes it after a crash. */
  @Mixin JournalOptions journaling;

  /** The old name of --endpoint, kept working for now with a deprecation line. */
  @Option(names = "--lambda-endpoint", paramLabel = "URL", hidden = true)
  URI lambdaEndpoint;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    lambda.validate();
    workerJvms.validate();
    workerJvms.requireWorkerJvms(strategy);
    OptionChecks.httpUrl("--lambda-endpoint", lambdaEndpoint, "http://127.0.0.1:3001");
    OptionChecks.httpUrl("--dynamodb-endpoint", dynamoDbEndpoint, "http://127.0.0.1:8000");
    if (json != null) {
      OptionChecks.writable("--json", json);
    }
    BankEndpoints endpoints =
        BankEndpoints.resolve(
            strategy,
            !ledgerIsMemory(),
            dynamoDbEndpoint,
            lambda.endpoint(),
            lambdaEndpoint,
            lambda.aws());
    if (endpoints.deprecation() != null) {
      err.println("fanout: deprecated: " + endpoints.deprecation());
      err.flush();
    }
    boolean safe = validate(endpoints);
    journaling.validate(spec);
    if (!safe && journaling.journal != null) {
      throw new IllegalArgumentException(
          "--journal: an unsafe run races in the memory of this JVM, which a crash takes with it,"
              + " so it cannot be resumed; only --mode safe runs are journalled");
    }
    // A safe run is journalled by default: its transfers and its ledger outlive a crash.
    LabSettings.Journaling journal = safe ? journaling.journaling(spec, true) : null;
    // A resumed run is the same run: the same transfer ids, and the same table by default.
    String run =
        (journal != null ? journal.header().runId() : UUID.randomUUID().toString()).substring(0, 8);
    Bank bank =
        Bank.create(
            accounts, balance, transfers, maxAmount, verifyMillis, pauseMicros, "t" + run, seed);
    boolean localDynamoDb = endpoints.dynamoDb() == null && !lambda.aws();
    LedgerChoice ledgerChoice =
        ledgerIsMemory()
            ? LedgerChoice.memory(safe)
            : LedgerChoice.dynamoDb(
                table != null
                    ? table
                    : lambda.stack != null
                        ? lambda.deployedStack().ledgerTable()
                        : "fanout-bank-" + run,
                endpoints.dynamoDb(),
                lambda.aws(),
                lambda.region,
                conflictEvery,
                journal != null && localDynamoDb ? localData(journal.file()) : null);
    LabSettings settings =
        LabSettings.forBank(
            ledgerChoice,
            lambda.choice(
                endpoints.lambda(), strategy.invokesLambda() ? List.of(TRANSFER) : List.of()),
            journal,
            workerJvms.taskTimeout());
    try (Lab lab = Lab.open(settings, List.of(strategy), err)) {
      err.printf("bank: %s mode, ledger: %s%n", mode, lab.ledgerPlace());
      err.flush();
      Lab.BankRun result = lab.runBank(bank, strategy, concurrency);
      BankReport report =
          new BankReport(
              mode,
              ledgerChoice.label(),
              lab.ledgerPlace(),
              result.run(),
              result.verdict(),
              lab.resumed());
      report.print(out);
      if (lab.journal() != null) {
        out.println("journal: " + lab.journal().toAbsolutePath());
      }
      if (json != null) {
        JsonReport.write(json, report.json());
        out.println("JSON report: " + json.toAbsolutePath());
      }
      out.flush();
      Journal.finished();
      boolean failed =
          result.verdict().failed() > 0 || (safe && !result.verdict().invariantsHold());
      return failed ? FanoutMain.TASKS_FAILED : FanoutMain.OK;
    } catch (LedgerException e) {
      err.println("fanout: the ledger could not be used: " + e.getMessage());
      err.flush();
      return FanoutMain.TASKS_FAILED;
    }
  }

  /** Checks the options, the endpoints resolved; returns whether the run is safe. */
  private boolean validate(BankEndpoints endpoints) {
    if (!mode.equals("safe") && !mode.equals("unsafe")) {
      throw new IllegalArgumentException("--mode must be unsafe or safe, got '" + mode + "'");
    }
    if (ledger != null && !ledger.equals("memory") && !ledger.equals("dynamodb")) {
      throw new IllegalArgumentException(
          "--ledger must be memory or dynamodb, got '" + ledger + "'");
    }
    OptionChecks.range("--transfers", transfers, 1, 1_000_000);
    OptionChecks.range("--accounts", accounts, 2, 10_000);
    OptionChecks.range("--balance", balance, 0, 1_000_000_000_000L);
    OptionChecks.range("--max-amount", maxAmount, 1, 1_000_000_000);
    OptionChecks.range("--verify-ms", verifyMillis, 0, 60_000);
    OptionChecks.range("--pause-us", pauseMicros, 0, 1_000_000);
    OptionChecks.range("--conflict-every", conflictEvery, 0, 1_000_000);
    if (concurrency != null) {
      OptionChecks.range("--concurrency", concurrency, 1, 4096);
    }
    boolean memory = ledgerIsMemory();
    if (memory && !strategy.sharesMemory()) {
      throw new IllegalArgumentException(
          "--ledger memory cannot serve --strategy "
              + strategy.label()
              + ": "
              + strategy.laneNoun(2)
              + " share no memory, so each would move money in balances of its own. Use --ledger"
              + " dynamodb (the default for "
              + strategy.label()
              + ")");
    }
    if (!memory && mode.equals("unsafe")) {
      throw new IllegalArgumentException(
          "--mode unsafe races in the memory of one JVM; the DynamoDB ledger applies each"
              + " transfer in one transaction and has no unsafe mode. Use --ledger memory with an"
              + " in-JVM strategy ("
              + StrategyKind.all().stream()
                  .filter(StrategyKind::sharesMemory)
                  .map(StrategyKind::label)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    boolean aws = lambda.aws();
    URI dynamo = endpoints.dynamoDb();
    if (memory && (table != null || dynamo != null || aws || conflictEvery > 0)) {
      throw new IllegalArgumentException(
          "--table, --dynamodb-endpoint, --aws and --conflict-every are for --ledger dynamodb");
    }
    if (memory && endpoints.lambda() != null) {
      throw new IllegalArgumentException(
          "--endpoint is the Lambda endpoint, for --strategy lambda; a DynamoDB endpoint is"
              + " --dynamodb-endpoint, with --ledger dynamodb");
    }
    if (dynamo != null && aws) {
      throw new IllegalArgumentException(
          "--dynamodb-endpoint and --aws exclude each other: choose one");
    }
    if (conflictEvery > 0 && (dynamo != null || aws)) {
      throw new IllegalArgumentException(
          "--conflict-every works on fanout's local DynamoDB only, not with --dynamodb-endpoint"
              + " or --aws");
    }
    if (aws && table == null && lambda.stack == null) {
      throw new IllegalArgumentException(
          "--aws needs --table NAME or --stack NAME: the deployed stack's LedgerTableName output"
              + " (aws cloudformation describe-stacks --stack-name STACK --query"
              + " \"Stacks[0].Outputs\"), or the stack that has it");
    }
    for (String unit : lambda.functions.keySet()) {
      if (!unit.equals(TRANSFER)) {
        throw new IllegalArgumentException(
            "--function: a bank run invokes only the unit transfer, got '" + unit + "'");
      }
    }
    return mode.equals("safe");
  }

  /**
   * Where fanout's local DynamoDB keeps the tables of the run journalled in {@code journal}: beside
   * it, so that --resume finds the balances the stopped run left.
   */
  private static Path localData(Path journal) {
    String name = journal.getFileName().toString();
    String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return journal.resolveSibling(stem + ".dynamodb.jsonl");
  }

  /** Whether the balances live in this JVM: --ledger, else where the strategy's tasks share it. */
  private boolean ledgerIsMemory() {
    if (ledger != null) {
      return ledger.equals("memory");
    }
    return strategy.sharesMemory();
  }
}
