package dev.fanout.cli;

import dev.fanout.engine.LabSettings;
import dev.fanout.engine.LedgerChoice;
import dev.fanout.plan.TaskFile;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.Workloads;
import dev.fanout.report.JournalFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by the commands that run workloads, the Lambda backend's among them. */
public final class RunOptions {
  @Option(
      names = "--tasks",
      paramLabel = "N",
      description = "Tasks per workload (default: the articles' count for each workload).")
  Integer tasks;

  @Option(
      names = "--tasks-file",
      paramLabel = "FILE",
      description =
          "Your own task list instead of the articles': JSON lines, one task's input per line"
              + " (e.g. {\"n\": 30} for fib), - for standard input. Every line is checked"
              + " before anything runs; with --tasks N the lines are gone through again up to"
              + " N tasks.")
  String tasksFile;

  /** The lines of --tasks-file, read by {@link #validate()}; null without one. */
  private TaskFile taskFile;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Pool size for threads and processes (default: the articles' thread count per workload;"
              + " one worker JVM per core).")
  Integer workers;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      defaultValue = "50",
      description = "Latency the local origin adds to each response (default: ${DEFAULT-VALUE}).")
  int latencyMs;

  @Option(
      names = "--jitter-ms",
      paramLabel = "MS",
      defaultValue = "0",
      description = "Random extra latency, 0..MS, per response (default: ${DEFAULT-VALUE}).")
  int jitterMs;

  @Option(
      names = "--origin",
      paramLabel = "URL",
      description =
          "Use this origin (serving /pages, /id and /pokedex like 'fanout origin') instead of"
              + " starting one in-process.")
  URI origin;

  @Option(
      names = "--image-dir",
      paramLabel = "DIR",
      description = "Where the image workload stores its files (default: a temporary directory).")
  Path imageDir;

  @Option(
      names = "--units",
      paramLabel = "JAR,JAR..",
      split = ",",
      description =
          "Jars of units of your own (see the README's \"Bring your own unit\"): their units run"
              + " as workloads beside the articles' (default: the jars in $FANOUT_UNITS,"
              + " separated by ':' as in a class path).")
  List<Path> unitJars;

  /** The names of the units in --units, read by {@link #validate()}. */
  private List<String> ownUnits = List.of();

  @Mixin LambdaOptions lambda;

  @Mixin WorkerJvmOptions workerJvms;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write every run and task record to FILE as JSON.")
  Path json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Write the HTML report (tables, timing diagrams, tasks in flight) to FILE (default:"
              + " .fanout/reports/COMMAND-TIME.html in the project).")
  Path html;

  @Option(names = "--no-html", description = "Write no HTML report.")
  boolean noHtml;

  @Mixin JournalOptions journaling;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "Run each strategy N times; report the median run and the spread of the wall times"
              + " (default: 1; for advise 3).")
  Integer repeat;

  @Option(
      names = "--no-warmup",
      description =
          "Skip the untimed warm-up that lets the JIT compile a workload's code before the"
              + " in-JVM strategies are timed.")
  boolean noWarmup;

  /** Checks ranges that picocli's types cannot express; the message names the option. */
  void validate() {
    if (journaling.resume != null && "-".equals(tasksFile)) {
      throw new IllegalArgumentException(
          "--resume: the run read its tasks from standard input, which cannot be read again;"
              + " journal such a run with --tasks-file FILE instead");
    }
    if (tasks != null) {
      OptionChecks.range("--tasks", tasks, 1, 100_000);
    }
    if (workers != null) {
      OptionChecks.range("--workers", workers, 1, 4096);
    }
    if (repeat != null) {
      OptionChecks.range("--repeat", repeat, 1, 100);
    }
    OptionChecks.range("--latency-ms", latencyMs, 0, 60_000);
    OptionChecks.range("--jitter-ms", jitterMs, 0, 60_000);
    lambda.validate();
    workerJvms.validate();
    if (tasksFile != null) {
      taskFile = TaskFile.read(tasksFile, System.in);
    }
    try {
      ownUnits = UnitRuntime.ownUnitNames(unitJars());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (unitJars == null ? "FANOUT_UNITS: " : "--units: ") + e.getMessage(), e);
    }
    for (String unit : lambda.functions.keySet()) {
      if (!workloadNames().contains(unit)) {
        throw new IllegalArgumentException(
            "--function: unknown unit '"
                + unit
                + "'; the units are "
                + String.join(", ", workloadNames()));
      }
    }
    if (html != null && noHtml) {
      throw new IllegalArgumentException("--html and --no-html exclude each other: choose one");
    }
    if (html != null) {
      OptionChecks.writable("--html", html);
    }
    if (json != null) {
      OptionChecks.writable("--json", json);
    }
    journaling.validate(command);
    OptionChecks.httpUrl("--origin", origin, "http://127.0.0.1:8080");
  }

  /** The jars of --units, or of $FANOUT_UNITS without it. */
  List<Path> unitJars() {
    if (unitJars != null) {
      return unitJars;
    }
    String fromEnvironment = System.getenv("FANOUT_UNITS");
    if (fromEnvironment == null || fromEnvironment.isBlank()) {
      return List.of();
    }
    return Arrays.stream(fromEnvironment.split(java.io.File.pathSeparator))
        .filter(jar -> !jar.isBlank())
        .map(Path::of)
        .toList();
  }

  /** The articles' workloads, then the units of your own. */
  List<String> workloadNames() {
    List<String> names = new ArrayList<>(Workloads.NAMES);
    names.addAll(ownUnits);
    return names;
  }

  /**
   * What the engine is to start and how it runs, for these options.
   *
   * @param defaultRepeats how many times each strategy runs unless --repeat says
   * @param journalByDefault whether the run is journalled without --journal
   * @param unitsOnLambda the units the run may invoke on Lambda, whose functions --stack names
   */
  LabSettings labSettings(
      int defaultRepeats, boolean journalByDefault, Collection<String> unitsOnLambda) {
    return new LabSettings(
        new LabSettings.Fetching(origin, latencyMs, jitterMs, imageDir),
        LedgerChoice.memory(true),
        lambda.choice(unitsOnLambda),
        tasks == null ? 0 : tasks,
        taskFile,
        workers == null ? 0 : workers,
        repeat == null ? defaultRepeats : repeat,
        !noWarmup,
        journaling.journaling(command, journalByDefault),
        unitJars(),
        workerJvms.taskTimeout());
  }

  /** The journal this run completes; null for a new run. */
  JournalFile resumed() {
    return journaling.resumed();
  }
}
