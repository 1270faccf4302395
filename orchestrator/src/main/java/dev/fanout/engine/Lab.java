package dev.fanout.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitKind;
import dev.fanout.check.BankCheck;
import dev.fanout.check.BankVerdict;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.localcloud.scratch.ScratchDirectory;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.pipeline.CoffeeCloud;
import dev.fanout.pipeline.CoffeeWaves;
import dev.fanout.plan.Bank;
import dev.fanout.plan.TaskFile;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.plan.Workloads;
import dev.fanout.report.Journal;
import dev.fanout.report.JournalFile;
import dev.fanout.report.JsonReport;
import dev.fanout.report.ProgressBar;
import dev.fanout.report.WorkloadReport;
import dev.fanout.strategy.Strategies;
import dev.fanout.strategy.Strategy;
import dev.fanout.strategy.TaskTimeout;
import dev.fanout.strategy.WorkerLanes;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.ledger.LedgerState;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The one run engine behind compare, run, advise and bank. Opening it starts what the runs need:
 * the origin (unless one is given), fanout's local DynamoDB for a bank on DynamoDB, and the local
 * Lambda service when the lambda strategy may run. Then it runs workloads under strategies (warmed
 * up, repeated as asked), streaming each task to the journal and the progress bar as it ends, and
 * returns the results. Closing it stops what it started.
 */
public final class Lab implements AutoCloseable {
  private final LabSettings settings;
  private final PrintWriter progress;
  private final boolean terminal;
  private final OriginServer origin;
  private final ScratchDirectory images;
  private final URI originBase;
  private final LedgerPlace ledger;
  private final UnitRuntime runtime;
  private final LambdaBackend lambda;
  private final Journal journal;
  private final Strategies.Context strategyContext;
  private final OpenedResources opened = new OpenedResources();

  /**
   * Starts what runs of these kinds need.
   *
   * @param kinds the strategies that may run: the Lambda backend is started only for one that
   *     invokes Lambda
   * @param progress where each run's start, progress and end are told (standard error)
   */
  public static Lab open(
      LabSettings settings, Collection<StrategyKind> kinds, PrintWriter progress) {
    return new Lab(settings, kinds.stream().anyMatch(StrategyKind::invokesLambda), progress);
  }

  /**
   * Starts what a lunch needs, as {@link #open} does, with the local Lambda service's instances
   * reclaimed after {@link CoffeeWaves#IDLE_TIMEOUT} idle unless the user chose an idle timeout:
   * the coffees' pause outlasts it, so that the last customers find the cloud empty again.
   */
  public static Lab openForLunch(
      LabSettings settings, Collection<StrategyKind> kinds, PrintWriter progress) {
    LambdaChoice lambda =
        settings.lambda() == null
            ? null
            : settings.lambda().withIdleTimeoutByDefault(CoffeeWaves.IDLE_TIMEOUT);
    return open(settings.withLambda(lambda), kinds, progress);
  }

  private Lab(LabSettings settings, boolean withLambda, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
    this.terminal = ProgressBar.stderrIsTerminal(System.getenv(), System.getProperty("fanout.tty"));
    try {
      LabSettings.Fetching fetching = settings.fetching();
      origin =
          opened.add(fetching == null || fetching.origin() != null ? null : startOrigin(fetching));
      originBase = origin != null ? origin.baseUri() : fetching == null ? null : fetching.origin();
      ledger = opened.add(LedgerPlace.open(settings.ledger()));
      // Where the image workload saves its pictures, unless the user names a directory.
      images =
          opened.add(
              fetching == null || fetching.imageDir() != null
                  ? null
                  : ScratchDirectory.create("fanout-images-"));
      UnitSettings units =
          fetching == null
              ? UnitSettings.forLedger(ledger.settings())
              : UnitSettings.forOrigin(
                      originBase, images == null ? fetching.imageDir() : images.path())
                  .withLedger(ledger.settings())
                  .withUnitJars(settings.unitJars());
      runtime = opened.add(UnitRuntime.open(units));
      lambda =
          opened.add(
              withLambda
                  ? openLambda(
                      settings.lambda(),
                      lambdaEnvironment(units),
                      new OwnFunctions(runtime.catalog().ownNames(), settings.unitJars()))
                  : null);
      journal = opened.add(openJournal(settings.journal()));
      if (journal != null && settings.journal().resumed() == null) {
        // A stop or a failure says how to complete the run; a kill -9 says nothing, so the path is
        // told now.
        progress.println("journal: " + journal.file());
        progress.flush();
      }
      strategyContext =
          new Strategies.Context(
                  runtime.catalog(),
                  units,
                  settings.workers(),
                  System::nanoTime,
                  lambda == null ? null : lambda.target,
                  lambda == null ? 0 : lambda.concurrency)
              .withTaskTimeout(TaskTimeout.of(settings.taskTimeout()));
    } catch (RuntimeException e) {
      try {
        opened.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * A workload's task list, sized as the settings say, against this lab's origin: the articles', or
   * the user's own file, each of its lines checked against the unit first.
   *
   * @throws IllegalArgumentException naming the file's first line the unit refuses
   */
  public Workload workload(String name) {
    if (originBase == null) {
      throw new IllegalStateException("this lab fetches nothing: it was opened without an origin");
    }
    TaskFile file = settings.taskFile();
    if (file != null) {
      file.check(runtime.catalog().unit(name));
    }
    Workload workload = articlesOrOwn(name, file == null ? settings.tasks() : 0);
    return file == null ? workload : Workloads.fromFile(workload, settings.tasks(), file);
  }

  private Workload articlesOrOwn(String name, int tasks) {
    return runtime
        .catalog()
        .provider(name)
        .map(provider -> Workloads.own(name, provider, originBase, tasks))
        .orElseGet(() -> Workloads.create(name, originBase, tasks));
  }

  /** The lunch's menus, served with this lab's units and origin. */
  public Lunch lunch() {
    if (originBase == null) {
      throw new IllegalStateException("the lunch needs an origin: its grill cooks there");
    }
    return new Lunch(
        runtime.catalog(),
        originBase,
        () ->
            new WorkerLanes(
                strategyContext.settings(), strategyContext.taskTimeout(), System::nanoTime),
        coffeeCloud(),
        lambda == null
            ? null
            : shop -> BurgerCloud.open(settings.lambda(), shop, originBase, System::nanoTime),
        progress,
        settings.warmup());
  }

  /** Where the coffees are made under lambda; null when this lab has no Lambda backend. */
  private CoffeeCloud coffeeCloud() {
    if (lambda == null) {
      return null;
    }
    IntSupplier live = lambda.liveInstances(lambda.target.functionFor("coffee")).orElse(null);
    return new CoffeeCloud(
        lambda.target,
        live,
        lambda.idleTimeout().orElse(null),
        live == null ? 0 : lambda.concurrency, // an endpoint's own limit is not known
        Strategies.THROTTLE_DEADLINE);
  }

  public int repeats() {
    return settings.repeats();
  }

  /** Whether the lambda strategy runs on machines of its own rather than on this one. */
  public boolean lambdaIsRemote() {
    return lambda != null && settings.lambda().remote();
  }

  /** How many invocations the Lambda backend takes at once; 0 without one. */
  public int lambdaConcurrency() {
    return lambda == null ? 0 : lambda.concurrency;
  }

  private static Journal openJournal(LabSettings.Journaling journaling) {
    if (journaling == null) {
      return null;
    }
    return journaling.resumed() != null
        ? Journal.resume(journaling.resumed())
        : Journal.start(journaling.file(), journaling.header());
  }

  /** Where this run is journalled; null when it is not. */
  public Path journal() {
    return journal == null ? null : journal.file();
  }

  /** The journal this run completes; null for a new run. */
  public JournalFile resumed() {
    return settings.journal() == null ? null : settings.journal().resumed();
  }

  /** Runs one workload under each strategy in turn (repeated as asked), with progress. */
  public WorkloadReport run(Workload workload, List<StrategyKind> kinds) {
    Unit<?, ?> unit = runtime.catalog().unit(workload.unit());
    if (settings.warmup()) {
      WarmUp.run(unit, workload);
    }
    int repeats = settings.repeats();
    StrategyRun repeatRun = new StrategyRun(progress, terminal, journal, resumed());
    List<List<RunResult>> runs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (StrategyKind kind : kinds) {
      Strategy strategy = Strategies.create(kind, workload, strategyContext);
      List<RunResult> results = new ArrayList<>();
      for (int repeat = 1; repeat <= repeats; repeat++) {
        RunResult run = repeatRun.run(strategy, workload, repeat, repeats, failures);
        if (run == null) {
          break;
        }
        results.add(run);
      }
      if (!results.isEmpty()) {
        runs.add(results);
      }
    }
    return new WorkloadReport(
        workload.name(),
        unit.kind(),
        workload.size(),
        workload.source(),
        RunSummary.of(
            unit.kind(), runs, Runtime.getRuntime().availableProcessors(), lambdaIsRemote()),
        failures);
  }

  /** A bank's run and what its ledger says of it. */
  public record BankRun(RunResult run, BankVerdict verdict) {}

  /**
   * Opens the bank's accounts in the ledger (or, resuming, finds them where the stopped run left
   * them), runs its transfers once under one strategy (untimed warm-up would move money), each
   * journalled as it ends, then reads the ledger back and checks the bank's invariants.
   *
   * @param concurrency transfers in flight at once; null for the strategy's own default
   * @throws IllegalStateException when the strategy could not run
   */
  public BankRun runBank(Bank bank, StrategyKind kind, Integer concurrency) {
    BankBooks.open(
        runtime.ledger(),
        bank,
        new JournalFile.RunKey(bank.workload().name(), kind, 1),
        resumed(),
        settings.ledger().dynamoDb());
    Strategies.Context context =
        concurrency == null ? strategyContext : strategyContext.atConcurrency(concurrency);
    List<String> failures = new ArrayList<>();
    RunResult run =
        new StrategyRun(progress, terminal, journal, resumed())
            .run(
                Strategies.create(kind, bank.workload(), context), bank.workload(), 1, 1, failures);
    if (run == null) {
      throw new IllegalStateException(failures.getFirst());
    }
    LedgerState after = runtime.ledger().read(bank.accounts(), bank.transferIds());
    return new BankRun(run, BankCheck.check(bank.opening(), after, run.tasks()));
  }

  /** Where the balances live, e.g. "fanout's local DynamoDB http://127.0.0.1:41234, table t". */
  public String ledgerPlace() {
    return ledger.description();
  }

  /** What the table's heading says of the runs' surroundings: the origin, for I/O work. */
  public String context(UnitKind kind) {
    LabSettings.Fetching fetching = settings.fetching();
    if (kind == UnitKind.CPU || fetching == null) {
      return "";
    }
    if (origin == null) {
      return "origin " + fetching.origin();
    }
    return "local origin, latency "
        + fetching.latencyMs()
        + " ms"
        + (fetching.jitterMs() > 0 ? " + jitter 0.." + fetching.jitterMs() + " ms" : "");
  }

  /** The JSON report's "settings": what the runs ran against. */
  public ObjectNode settingsJson() {
    LabSettings.Fetching fetching = settings.fetching();
    ObjectNode json = JsonReport.mapper().createObjectNode();
    if (fetching != null) {
      json.put("origin", originBase.toString());
      json.put("localOrigin", fetching.origin() == null);
      json.put("latencyMs", fetching.latencyMs());
      json.put("jitterMs", fetching.jitterMs());
    }
    json.put("warmup", settings.warmup());
    json.put("repeat", settings.repeats());
    if (resumed() != null) {
      json.put("resumedFrom", resumed().file().toAbsolutePath().toString());
      json.put("carriedOverTasks", resumed().taskCount());
    }
    return json;
  }

  @Override
  public void close() {
    opened.close();
  }

  /**
   * What the local Lambda service's instances need to run the same units as this JVM: the origin
   * and image directory of the I/O workloads, the ledger's table.
   */
  private Map<String, String> lambdaEnvironment(UnitSettings units) {
    Map<String, String> environment = new LinkedHashMap<>();
    if (originBase != null) {
      environment.put("FANOUT_ALLOW_LOCAL_TARGETS", "true");
      environment.put("FANOUT_POKEDEX_BASE", units.pokedexBase().toString());
      environment.put("FANOUT_IMAGE_DIR", units.imageDir().toAbsolutePath().toString());
    }
    environment.putAll(ledger.lambdaEnvironment());
    return environment;
  }

  /** The Lambda backend, with progress while the local service starts (it reads function.zip). */
  private LambdaBackend openLambda(
      LambdaChoice choice, Map<String, String> environment, OwnFunctions own) {
    if (choice.remote()) {
      return LambdaBackend.open(choice, environment, own);
    }
    try (ProgressBar bar = new ProgressBar(progress, "lambda", 0, terminal, System::nanoTime)) {
      bar.starting("the local Lambda service", 0, 0);
      return LambdaBackend.open(choice, environment, own);
    }
  }

  private static OriginServer startOrigin(LabSettings.Fetching fetching) {
    return OriginServer.start(
        OriginOptions.defaults()
            .withLatency(Duration.ofMillis(fetching.latencyMs()))
            .withJitter(Duration.ofMillis(fetching.jitterMs())));
  }
}
