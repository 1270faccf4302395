package dev.fanout.cli;

import dev.fanout.advice.Advice;
import dev.fanout.advice.Advisor;
import dev.fanout.advice.Verdict;
import dev.fanout.engine.Lab;
import dev.fanout.plan.Workload;
import dev.fanout.report.ConsoleTable;
import dev.fanout.report.WorkloadReport;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fanout advise}: measures a sample, recommends a strategy by the articles' rules, then runs
 * the recommendation and the alternatives to check it.
 */
@Command(
    name = "advise",
    mixinStandardHelpOptions = true,
    description = {
      "Measures a few tasks of a workload one after another (CPU time as a share of wall time),"
          + " recommends a strategy by the articles' rules, then runs it and the alternatives and"
          + " says whether the recommendation won."
    })
final class AdviseCommand implements Callable<Integer> {
  /** Runs per strategy unless --repeat says: a verdict on one run each is a verdict on noise. */
  static final int DEFAULT_REPEATS = 3;

  @Spec CommandSpec spec;

  @Mixin RunOptions options;

  @Mixin OneWorkload workload;

  @Option(
      names = {"--strategies", "-s"},
      paramLabel = "S,S..",
      split = ",",
      description =
          "The strategies to check the advice against (default: all of"
              + " ${COMPLETION-CANDIDATES}); the recommended one runs whether named or not.",
      converter = StrategyKinds.Converter.class,
      completionCandidates = StrategyKinds.Names.class)
  List<StrategyKind> strategies = new ArrayList<>();

  @Option(
      names = "--sample",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "Tasks in the sequential sample, spread over the task list (default: ${DEFAULT-VALUE}).")
  int sample;

  @Override
  public Integer call() {
    options.validate();
    OptionChecks.range("--sample", sample, 1, 1000);
    String name = workload.name(options);
    List<StrategyKind> alternatives = StrategyKinds.chosen(strategies);
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    // Lambda is needed if it is to run, or if it may be recommended: only where it has cores of
    // its own (--aws, --endpoint).
    List<StrategyKind> mayRun = new ArrayList<>(alternatives);
    if (options.lambda.remote()) {
      mayRun.add(StrategyKind.LAMBDA);
    }
    options.lambda.warnUnused(mayRun, spec.commandLine().getErr());
    options.workerJvms.warnUnused(mayRun, spec.commandLine().getErr());
    try (Lab lab =
        Lab.open(
            options.labSettings(
                DEFAULT_REPEATS,
                false,
                mayRun.stream().anyMatch(StrategyKind::invokesLambda) ? List.of(name) : List.of()),
            mayRun,
            spec.commandLine().getErr())) {
      Workload full = lab.workload(name);
      WorkloadReport measured = lab.run(full.sample(sample), List.of(StrategyKind.SEQUENTIAL));
      if (measured.runs().isEmpty()) {
        throw new IllegalStateException(
            "the sample could not run: " + String.join("; ", measured.failures()));
      }
      Advice advice =
          Advisor.advise(
              measured.runs().getFirst().run(),
              measured.kind(),
              full.size(),
              cores,
              lab.lambdaIsRemote() ? lab.lambdaConcurrency() : 0);
      out.printf("%nadvice for %s (%d tasks):%n", name, full.size());
      advice
          .reasons()
          .forEach(reason -> out.println(ConsoleTable.wrap(reason, "  ", ConsoleTable.WIDTH)));
      out.flush();

      WorkloadReport report = lab.run(full, withRecommended(alternatives, advice.strategy()));
      ConsoleTable.print(out, report, lab.context(report.kind()));
      Verdict verdict = Advisor.judge(advice, report.runs());
      String verdictLine =
          String.format(
              Locale.ROOT,
              "verdict (time to result: wall, plus worker JVM start-up for processes): %s",
              verdict.describe());
      out.printf("%n%s%n", ConsoleTable.wrap(verdictLine, "", ConsoleTable.WIDTH));
      List<String> notes = new ArrayList<>(advice.reasons());
      notes.add(verdictLine);
      Reports.publish(spec, options, lab, List.of(report), List.of(String.join("\n", notes)));
      return Reports.exitCode(List.of(report));
    }
  }

  /** The alternatives in the usual order, with the recommended strategy among them. */
  private static List<StrategyKind> withRecommended(
      List<StrategyKind> alternatives, StrategyKind recommended) {
    if (alternatives.contains(recommended)) {
      return alternatives;
    }
    return StrategyKind.all().stream()
        .filter(kind -> alternatives.contains(kind) || kind == recommended)
        .toList();
  }
}
