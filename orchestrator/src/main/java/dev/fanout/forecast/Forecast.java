package dev.fanout.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A workload's forecast from its profile: Lambda at AWS's limits and prices, and this machine's
 * best strategy, over a ladder of task counts and a list of memory sizes; the task count from which
 * Lambda finishes first; and the same model checked against the runs it was measured from.
 */
public final class Forecast {
  public static final String LAMBDA = "lambda";
  public static final String THIS_MACHINE = "this machine";

  /** Task counts from 10^3 to 10^6, a decade apart. */
  public static final List<Long> LADDER = List.of(1_000L, 10_000L, 100_000L, 1_000_000L);

  private Forecast() {}

  /**
   * What to predict.
   *
   * @param tasks the task counts of the ladder
   * @param memoryMB the memory sizes for Lambda; empty for the size measured
   * @param coldStartMillis a cold start on AWS, or null for the one measured locally
   * @param issuePerSecond the invoker's pace on AWS, or null for the one measured locally
   */
  public record Request(
      List<Long> tasks,
      List<Integer> memoryMB,
      Arch arch,
      Double coldStartMillis,
      Double issuePerSecond,
      LambdaFigures figures) {
    public Request {
      tasks = List.copyOf(tasks);
      memoryMB = List.copyOf(memoryMB);
    }
  }

  /**
   * One predicted run.
   *
   * @param target {@link #LAMBDA} or {@link #THIS_MACHINE}
   * @param memoryMB for Lambda; null on this machine
   * @param costUsd Lambda's price; null on this machine
   */
  public record Prediction(
      String workload,
      String target,
      String strategy,
      long tasks,
      Integer memoryMB,
      String arch,
      double wallMillis,
      Double costUsd) {}

  /**
   * Where Lambda starts to finish first.
   *
   * @param tasks the smallest task count (within the ladder) at which Lambda's wall time is the
   *     shorter, or null when it never is
   * @param costUsd Lambda's price at that count, or null
   */
  public record BreakEven(String workload, Long tasks, int memoryMB, String arch, Double costUsd) {}

  /**
   * A run of the report predicted by the model with the local limits; error = predicted/measured -
   * 1.
   *
   * @param cores the cores the prediction gave a run on this machine: its cores times the share of
   *     each that its threads could get; null for the lambda run
   */
  public record Validation(
      String workload,
      String strategy,
      double predictedMillis,
      double measuredMillis,
      Double cores) {
    public double error() {
      return predictedMillis / measuredMillis - 1;
    }
  }

  public record Result(
      List<Prediction> predictions, List<BreakEven> breakEven, List<Validation> validation) {}

  public static Result of(List<Profile> profiles, Request request, boolean validate) {
    List<Prediction> predictions = new ArrayList<>();
    List<BreakEven> breakEvens = new ArrayList<>();
    List<Validation> validations = new ArrayList<>();
    for (Profile profile : profiles) {
      List<Integer> memories =
          request.memoryMB().isEmpty() ? List.of(profile.lambda().memoryMB()) : request.memoryMB();
      for (long tasks : request.tasks()) {
        predictions.add(thisMachine(profile, tasks));
        for (int memory : memories) {
          predictions.add(onLambda(profile, tasks, memory, request));
        }
      }
      breakEvens.add(breakEven(profile, memories.getFirst(), request));
      if (validate) {
        validations.addAll(validate(profile));
      }
    }
    return new Result(predictions, breakEvens, validations);
  }

  /**
   * The best of the strategies measured here (Lambda aside), at {@code tasks} tasks, on the machine
   * to itself; worker JVMs' start-up, which their runs' wall times leave out, included.
   */
  static Prediction thisMachine(Profile profile, long tasks) {
    MachineModel.Machine alone = MachineModel.Machine.alone(profile.cores());
    return profile.runs().stream()
        .filter(run -> !run.strategy().equals(LAMBDA))
        .map(
            run ->
                new Prediction(
                    profile.workload(),
                    THIS_MACHINE,
                    run.strategy(),
                    tasks,
                    null,
                    null,
                    run.workerStartupMillis()
                        + MachineModel.wallMillis(
                            profile.work(), tasks, run.shapeFor(tasks), run.costs(), alone),
                    null))
        .min(Comparator.comparingDouble(Prediction::wallMillis))
        .orElseThrow();
  }

  static Prediction onLambda(Profile profile, long tasks, int memoryMB, Request request) {
    LambdaFigures figures = request.figures();
    LambdaModel.Outcome outcome =
        LambdaModel.run(profile.work(), tasks, awsSetup(profile, memoryMB, request));
    return new Prediction(
        profile.workload(),
        LAMBDA,
        LAMBDA,
        tasks,
        memoryMB,
        request.arch().label(),
        outcome.wallMillis(),
        LambdaModel.costUsd(outcome, tasks, memoryMB, request.arch(), figures));
  }

  /**
   * AWS's limits with what only this machine could measure: the cold start (unless given), the
   * round trip of an invocation and the invoker's pace, which the service's request rate also caps.
   */
  static LambdaModel.Setup awsSetup(Profile profile, int memoryMB, Request request) {
    LambdaFigures figures = request.figures();
    Profile.LambdaMeasure measured = profile.lambda();
    return new LambdaModel.Setup(
        figures.accountConcurrency(),
        figures.scalingBurst(),
        figures.scalingRefillPerSecond(),
        figures.cpuShare(memoryMB),
        request.coldStartMillis() != null ? request.coldStartMillis() : measured.coldStartMillis(),
        measured.overheadMillis(),
        Math.min(
            request.issuePerSecond() != null ? request.issuePerSecond() : measured.issuePerSecond(),
            figures.requestsPerSecondPerEnvironment() * figures.accountConcurrency()));
  }

  static BreakEven breakEven(Profile profile, int memoryMB, Request request) {
    List<Long> ladder = request.tasks().stream().sorted().toList();
    long below = 0;
    for (long tasks : ladder) {
      if (lambdaWins(profile, tasks, memoryMB, request)) {
        long low = below;
        long high = tasks;
        while (high - low > Math.max(1, high / 100)) {
          long middle = low + (high - low) / 2;
          if (lambdaWins(profile, middle, memoryMB, request)) {
            high = middle;
          } else {
            low = middle;
          }
        }
        return new BreakEven(
            profile.workload(),
            high,
            memoryMB,
            request.arch().label(),
            onLambda(profile, high, memoryMB, request).costUsd());
      }
      below = tasks;
    }
    return new BreakEven(profile.workload(), null, memoryMB, request.arch().label(), null);
  }

  private static boolean lambdaWins(Profile profile, long tasks, int memoryMB, Request request) {
    return tasks > 0
        && onLambda(profile, tasks, memoryMB, request).wallMillis()
            < thisMachine(profile, tasks).wallMillis();
  }

  /**
   * The report's own runs predicted with the limits they ran under: on this machine, the cores as
   * far as other work left them; on Lambda, the emulation's instance cap sharing this machine's
   * cores, and the measured cold starts.
   */
  static List<Validation> validate(Profile profile) {
    List<Validation> validations = new ArrayList<>();
    for (Profile.MeasuredRun run : profile.runs()) {
      if (run.wallMillis() <= 0 || run.tasks() < 1) {
        continue;
      }
      if (run.strategy().equals(LAMBDA)) {
        double predicted =
            LambdaModel.run(profile.work(), run.tasks(), localSetup(profile, run.tasks()))
                .wallMillis();
        validations.add(
            new Validation(profile.workload(), LAMBDA, predicted, run.wallMillis(), null));
        continue;
      }
      MachineModel.Machine machine = machineAsMeasured(profile, run);
      double predicted =
          MachineModel.wallMillis(
              profile.work(), run.tasks(), run.shapeFor(run.tasks()), run.costs(), machine);
      validations.add(
          new Validation(
              profile.workload(),
              run.strategy(),
              predicted,
              run.wallMillis(),
              machine.coresFor(run.shape().computing())));
    }
    return validations;
  }

  /**
   * The cores a run had. A unit that computes throughout competes with other work for its whole
   * run: it gets the shares its probe measured. One that mostly waits wakes for short slices, which
   * the scheduler serves ahead of threads that kept computing: it gets whole cores.
   */
  static MachineModel.Machine machineAsMeasured(Profile profile, Profile.MeasuredRun run) {
    boolean computes = profile.kind().equals("CPU");
    return computes && run.machine() != null
        ? run.machine()
        : MachineModel.Machine.alone(profile.cores());
  }

  /** The local emulation: its instances start at once and share this machine's cores. */
  static LambdaModel.Setup localSetup(Profile profile, long tasks) {
    Profile.LambdaMeasure measured = profile.lambda();
    long busy = Math.min(measured.instances(), tasks);
    return new LambdaModel.Setup(
        measured.instances(),
        measured.instances(),
        Double.MAX_VALUE,
        Math.min(1.0, profile.cores() / (double) busy),
        measured.coldStartMillis(),
        measured.overheadMillis(),
        measured.issuePerSecond());
  }
}
