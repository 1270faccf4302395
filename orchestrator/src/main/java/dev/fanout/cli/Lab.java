package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskListener;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.plan.Workloads;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.Journal;
import dev.fanout.report.JsonReport;
import dev.fanout.report.ProgressBar;
import dev.fanout.report.WorkloadReport;
import dev.fanout.report.html.HtmlReport;
import dev.fanout.strategy.Strategies;
import dev.fanout.strategy.Strategy;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.units.Deadline;
import dev.fanout.units.Unit;
import dev.fanout.units.UnitKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Runs workloads under strategies against an origin, and reports: the engine behind the CLI. */
final class Lab {
  private static final double WARMUP_MILLIS = 300;
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final RunOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private final String command;
  private final boolean terminal;
  private final int repeats;

  /**
   * @param command the command line as typed, without the program name (for the HTML report)
   */
  Lab(RunOptions options, PrintWriter out, PrintWriter err, List<String> command) {
    this(options, out, err, command, 1);
  }

  /**
   * @param defaultRepeats how many times each strategy runs unless --repeat says
   */
  Lab(
      RunOptions options,
      PrintWriter out,
      PrintWriter err,
      List<String> command,
      int defaultRepeats) {
    this.options = options;
    this.repeats = options.repeatOr(defaultRepeats);
    this.out = out;
    this.err = err;
    this.command = "fanout " + String.join(" ", command);
    this.terminal = ProgressBar.stderrIsTerminal(System.getenv(), System.getProperty("fanout.tty"));
  }

  /** Runs every named workload under every named strategy; returns the CLI's exit code. */
  int compare(List<String> workloads, List<StrategyKind> strategies) {
    List<WorkloadReport> reports = new ArrayList<>();
    try (Session session = open(strategies.stream().anyMatch(StrategyKind::invokesLambda))) {
      for (String name : workloads) {
        WorkloadReport report = session.run(session.workload(name), strategies);
        reports.add(report);
        ConsoleTable.print(out, report, session.context(report.kind()));
      }
      ConsoleTable.printLegend(out, cores(), repeats);
      publish(session, reports, List.of());
    }
    return exitCode(reports);
  }

  /** Starts what runs need: the origin (unless given), the units, Lambda if asked, the journal. */
  Session open(boolean withLambda) {
    return new Session(withLambda);
  }

  /** Writes the reports asked for (JSON, HTML by default) and says where they are. */
  void publish(Session session, List<WorkloadReport> reports, List<String> notes) {
    if (session.journal != null) {
      out.println("journal: " + options.journal.toAbsolutePath());
    }
    if (options.json != null) {
      JsonReport.write(options.json, JsonReport.render(reports, session.settingsJson()));
      out.println("JSON report: " + options.json.toAbsolutePath());
    }
    if (!options.noHtml) {
      Path html = options.html != null ? options.html : defaultHtml();
      HtmlReport.write(html, HtmlReport.render(page(session, reports, notes), reports));
      out.println("HTML report: " + html.toAbsolutePath());
    }
    out.flush();
  }

  static int exitCode(List<WorkloadReport> reports) {
    boolean anyFailed =
        reports.stream()
            .anyMatch(
                report ->
                    !report.failures().isEmpty()
                        || report.runs().stream().anyMatch(run -> run.run().failed() > 0));
    return anyFailed ? FanoutMain.TASKS_FAILED : FanoutMain.OK;
  }

  /**
   * Where a report goes when no --html is given: {@code .fanout/reports/} under the project (which
   * git ignores), or under the working directory outside a project; named by command and time,
   * never overwriting an earlier one.
   */
  static Path defaultHtml(Path root, String commandName, LocalDateTime now) {
    Path dir = root.resolve(".fanout").resolve("reports");
    String stem = commandName + "-" + FILE_TIME.format(now);
    Path file = dir.resolve(stem + ".html");
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(stem + "-" + n + ".html");
    }
    return file;
  }

  private Path defaultHtml() {
    return defaultHtml(
        ProjectFiles.root().orElse(Path.of("").toAbsolutePath()),
        commandName(),
        LocalDateTime.now());
  }

  /** The subcommand's name: compare, run, advise. */
  private String commandName() {
    String[] words = command.split(" ");
    return words.length > 1 ? words[1] : "report";
  }

  private HtmlReport.Page page(Session session, List<WorkloadReport> reports, List<String> notes) {
    List<String> facts = new ArrayList<>();
    facts.add(
        "machine: %d cores, Java %s, %s %s"
            .formatted(
                cores(),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch")));
    facts.add("I/O workloads: " + session.context(UnitKind.IO));
    facts.add(
        (options.noWarmup ? "no warm-up" : "in-JVM strategies timed after a warm-up")
            + (repeats > 1 ? "; each strategy run " + repeats + " times, the median shown" : ""));
    return new HtmlReport.Page(
        "fanout "
            + commandName()
            + ": "
            + String.join(", ", reports.stream().map(WorkloadReport::workload).toList()),
        command,
        "generated " + LocalDateTime.now().withNano(0).toString().replace('T', ' '),
        facts,
        notes,
        cores());
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** An origin, the units and (if asked) a Lambda backend, open for as many runs as needed. */
  final class Session implements AutoCloseable {
    private final OriginServer origin;
    private final URI originBase;
    private final UnitRuntime runtime;
    private final LambdaBackend lambda;
    private final Journal journal;
    private final Strategies.Context strategyContext;

    private Session(boolean withLambda) {
      List<AutoCloseable> opened = new ArrayList<>();
      try {
        origin = startOriginUnlessGiven();
        if (origin != null) {
          opened.add(origin);
        }
        originBase = origin == null ? options.origin : origin.baseUri();
        UnitSettings settings = UnitSettings.forOrigin(originBase, imageDir());
        runtime = UnitRuntime.open(settings);
        opened.add(runtime);
        lambda = withLambda ? LambdaBackend.open(options, settings) : null;
        if (lambda != null) {
          opened.add(lambda);
        }
        journal = options.journal == null ? null : Journal.open(options.journal);
        strategyContext =
            new Strategies.Context(
                runtime.catalog(),
                settings,
                options.workersOrDefault(),
                System::nanoTime,
                lambda == null ? null : lambda.target,
                lambda == null ? 0 : lambda.concurrency);
      } catch (RuntimeException e) {
        try {
          closeAll(opened.reversed());
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    }

    Workload workload(String name) {
      return Workloads.create(name, originBase, options.tasksOrDefault());
    }

    /** Whether the lambda strategy runs on machines of its own rather than on this one. */
    boolean lambdaIsRemote() {
      return lambda != null && (options.aws || options.endpoint != null);
    }

    /** How many invocations the Lambda backend takes at once; 0 without one. */
    int lambdaConcurrency() {
      return lambda == null ? 0 : lambda.concurrency;
    }

    /** Runs one workload under each strategy in turn (repeated as asked), with progress. */
    WorkloadReport run(Workload workload, List<StrategyKind> strategies) {
      Unit<?, ?> unit = runtime.catalog().unit(workload.unit());
      if (!options.noWarmup) {
        warmUp(unit, workload);
      }
      List<List<RunResult>> runs = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (StrategyKind kind : strategies) {
        Strategy strategy = Strategies.create(kind, workload, strategyContext);
        String name = kind.label();
        List<RunResult> results = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
          err.printf(
              "running %s with %s (%d tasks%s)...%n",
              workload.name(),
              name,
              workload.size(),
              repeats > 1 ? ", run " + repeat + " of " + repeats : "");
          err.flush();
          RunResult run;
          try (ProgressBar progress =
              new ProgressBar(
                  err, workload.name() + "/" + name, workload.size(), terminal, System::nanoTime)) {
            TaskListener listener =
                journal == null
                    ? progress
                    : journal.listener(workload.name(), kind, repeat).andThen(progress);
            run = strategy.run(workload, listener);
          } catch (RuntimeException e) {
            failures.add(name + " could not run: " + e.getMessage());
            err.printf("  %s/%s could not run: %s%n", workload.name(), name, e.getMessage());
            break;
          }
          results.add(run);
          err.printf(
              "  %s/%s: %s, %d ok, %d failed%n",
              workload.name(),
              name,
              ConsoleTable.duration(run.wallMillis()),
              run.ok(),
              run.failed());
          err.flush();
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
          RunSummary.of(unit.kind(), runs, cores()),
          failures);
    }

    /** What the table's heading says of the runs' surroundings: the origin, for I/O work. */
    String context(UnitKind kind) {
      if (kind == UnitKind.CPU) {
        return "";
      }
      if (origin == null) {
        return "origin " + options.origin;
      }
      return "local origin, latency "
          + options.latencyMs
          + " ms"
          + (options.jitterMs > 0 ? " + jitter 0.." + options.jitterMs + " ms" : "");
    }

    ObjectNode settingsJson() {
      ObjectNode settings = JsonReport.mapper().createObjectNode();
      settings.put("origin", originBase.toString());
      settings.put("localOrigin", options.origin == null);
      settings.put("latencyMs", options.latencyMs);
      settings.put("jitterMs", options.jitterMs);
      settings.put("warmup", !options.noWarmup);
      settings.put("repeat", repeats);
      return settings;
    }

    @Override
    public void close() {
      List<AutoCloseable> open = new ArrayList<>();
      if (journal != null) {
        open.add(journal);
      }
      if (lambda != null) {
        open.add(lambda);
      }
      open.add(runtime);
      if (origin != null) {
        open.add(origin);
      }
      closeAll(open);
    }
  }

  /** Closes each in turn, all of them even when one fails; then throws the first failure. */
  private static void closeAll(List<AutoCloseable> resources) {
    RuntimeException failure = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        RuntimeException wrapped =
            e instanceof RuntimeException r
                ? r
                : new IllegalStateException("cannot close: " + e, e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Runs tasks untimed until the JIT has had about 300 ms with the unit's code, so that the first
   * in-JVM strategy is not charged for compiling what the others reuse. The task list is gone
   * through again while time is left: one pass of a short list (20 sums of squares take 60 ms)
   * leaves the hot loops half compiled. Timer waits need none.
   */
  private static void warmUp(Unit<?, ?> unit, Workload workload) {
    if (unit.kind() == UnitKind.WAIT || workload.inputs().isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    for (int i = 0; (System.nanoTime() - start) / 1e6 < WARMUP_MILLIS; i++) {
      try {
        unit.call(workload.inputs().get(i % workload.size()), Deadline.none());
      } catch (RuntimeException e) {
        // The timed runs report failures; the warm-up only needs the code to have run.
      }
    }
  }

  private OriginServer startOriginUnlessGiven() {
    if (options.origin != null) {
      return null;
    }
    return OriginServer.start(
        OriginOptions.defaults()
            .withLatency(Duration.ofMillis(options.latencyMs))
            .withJitter(Duration.ofMillis(options.jitterMs)));
  }

  private Path imageDir() {
    if (options.imageDir != null) {
      return options.imageDir;
    }
    try {
      return Files.createTempDirectory("fanout-images-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the image workload", e);
    }
  }
}
