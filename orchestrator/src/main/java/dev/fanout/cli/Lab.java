package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskListener;
import dev.fanout.origin.OriginOptions;
import dev.fanout.origin.OriginServer;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.plan.Workloads;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.Journal;
import dev.fanout.report.JsonReport;
import dev.fanout.report.WorkloadReport;
import dev.fanout.strategy.Strategies;
import dev.fanout.strategy.Strategy;
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
import java.util.ArrayList;
import java.util.List;

/** Runs workloads under strategies against an origin, and reports: the engine behind the CLI. */
final class Lab {
  private static final double WARMUP_MILLIS = 300;

  private final RunOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private Journal journal;

  Lab(RunOptions options, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /** Runs every named workload under every named strategy; returns the CLI's exit code. */
  int compare(List<String> workloads, List<String> strategies) {
    int cores = Runtime.getRuntime().availableProcessors();
    List<WorkloadReport> reports = new ArrayList<>();
    journal = options.journal == null ? null : Journal.open(options.journal);
    try (OriginServer origin = startOriginUnlessGiven()) {
      URI originBase = origin == null ? options.origin : origin.baseUri();
      UnitSettings settings = UnitSettings.forOrigin(originBase, imageDir());
      String context = originContext(origin);
      try (UnitRuntime runtime = UnitRuntime.open(settings);
          LambdaBackend lambda =
              strategies.contains("lambda") ? LambdaBackend.open(options, settings) : null) {
        Strategies.Context strategyContext =
            new Strategies.Context(
                runtime.catalog(),
                settings,
                options.workersOrDefault(),
                System::nanoTime,
                lambda == null ? null : lambda.target,
                lambda == null ? 0 : lambda.concurrency);
        for (String name : workloads) {
          Workload workload = Workloads.create(name, originBase, options.tasksOrDefault());
          WorkloadReport report =
              runWorkload(workload, strategies, runtime, strategyContext, cores);
          reports.add(report);
          ConsoleTable.print(out, report, report.kind() == UnitKind.CPU ? "" : context);
        }
      }
      ConsoleTable.printLegend(out, cores, options.repeat);
      if (journal != null) {
        out.println("journal: " + options.journal.toAbsolutePath());
      }
      if (options.json != null) {
        JsonReport.write(options.json, JsonReport.render(reports, settingsJson(originBase)));
        out.println("JSON report: " + options.json.toAbsolutePath());
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
    out.flush();
    boolean anyFailed =
        reports.stream()
            .anyMatch(
                report ->
                    !report.failures().isEmpty()
                        || report.runs().stream().anyMatch(run -> run.run().failed() > 0));
    return anyFailed ? FanoutMain.TASKS_FAILED : FanoutMain.OK;
  }

  private WorkloadReport runWorkload(
      Workload workload,
      List<String> strategies,
      UnitRuntime runtime,
      Strategies.Context context,
      int cores) {
    Unit<?, ?> unit = runtime.catalog().unit(workload.unit());
    if (!options.noWarmup) {
      warmUp(unit, workload);
    }
    List<List<RunResult>> runs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (String name : strategies) {
      Strategy strategy = Strategies.create(name, workload, context);
      List<RunResult> repeats = new ArrayList<>();
      for (int repeat = 1; repeat <= options.repeat; repeat++) {
        err.printf(
            "running %s with %s (%d tasks%s)...%n",
            workload.name(),
            name,
            workload.size(),
            options.repeat > 1 ? ", run " + repeat + " of " + options.repeat : "");
        err.flush();
        try {
          TaskListener listener =
              journal == null
                  ? TaskListener.none()
                  : journal.listener(workload.name(), name, repeat);
          RunResult run = strategy.run(workload, listener);
          repeats.add(run);
          err.printf(
              "  %s/%s: %s, %d ok, %d failed%n",
              workload.name(),
              name,
              ConsoleTable.duration(run.wallMillis()),
              run.ok(),
              run.failed());
        } catch (RuntimeException e) {
          failures.add(name + " could not run: " + e.getMessage());
          err.printf("  %s/%s could not run: %s%n", workload.name(), name, e.getMessage());
          break;
        }
        err.flush();
      }
      if (!repeats.isEmpty()) {
        runs.add(repeats);
      }
    }
    return new WorkloadReport(
        workload.name(),
        unit.kind(),
        workload.size(),
        workload.source(),
        RunSummary.of(unit.kind(), runs, cores),
        failures);
  }

  /**
   * Runs tasks untimed until the JIT has had about 300 ms with the unit's code, so that the first
   * in-JVM strategy is not charged for compiling what the others reuse. Timer waits need none.
   */
  private static void warmUp(Unit<?, ?> unit, Workload workload) {
    if (unit.kind() == UnitKind.WAIT) {
      return;
    }
    long start = System.nanoTime();
    for (var input : workload.inputs()) {
      try {
        unit.call(input, Deadline.none());
      } catch (RuntimeException e) {
        // The timed runs report failures; the warm-up only needs the code to have run.
      }
      if ((System.nanoTime() - start) / 1e6 >= WARMUP_MILLIS) {
        return;
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

  private String originContext(OriginServer origin) {
    if (origin == null) {
      return "origin " + options.origin;
    }
    return "local origin, latency "
        + options.latencyMs
        + " ms"
        + (options.jitterMs > 0 ? " + jitter 0.." + options.jitterMs + " ms" : "");
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

  private ObjectNode settingsJson(URI originBase) {
    ObjectNode settings = JsonReport.mapper().createObjectNode();
    settings.put("origin", originBase.toString());
    settings.put("localOrigin", options.origin == null);
    settings.put("latencyMs", options.latencyMs);
    settings.put("jitterMs", options.jitterMs);
    settings.put("warmup", !options.noWarmup);
    settings.put("repeat", options.repeat);
    return settings;
  }
}
