package dev.fanout.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that {@code compare} and {@code run} write into one {@link Profile} per workload.
 * A report that lacks a run the forecast needs is refused in one line that names the run to add.
 */
public final class ProfileReader {
  private static final String HOW = "run compare with --strategies sequential,...,lambda";

  private ProfileReader() {}

  public static List<Profile> read(JsonNode report) {
    JsonNode runs = report.path("runs");
    if (!runs.isArray() || runs.isEmpty()) {
      throw new IllegalArgumentException(
          "the report has no runs: write one with scripts/fanout compare --json FILE");
    }
    int cores = report.path("machine").path("cores").asInt(1);
    JsonNode load = report.path("machine").path("loadAverage");
    Double loadAverage = load.isNumber() ? load.asDouble() : null;
    Map<String, List<JsonNode>> byWorkload = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      byWorkload.computeIfAbsent(run.path("workload").asText(), w -> new ArrayList<>()).add(run);
    }
    List<Profile> profiles = new ArrayList<>();
    byWorkload.forEach((workload, its) -> profiles.add(profile(workload, its, cores, loadAverage)));
    return profiles;
  }

  private static Profile profile(
      String workload, List<JsonNode> runs, int cores, Double loadAverage) {
    JsonNode sequential =
        find(runs, "sequential")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no sequential run of "
                            + workload
                            + ": "
                            + HOW
                            + " (the sequential run"
                            + " measures each task's work)"));
    String kind = sequential.path("kind").asText("CPU");
    List<TaskWork> work = typicalWork(sequential, kind);
    if (work.isEmpty()) {
      throw new IllegalArgumentException(
          "the sequential run of " + workload + " has no tasks: " + HOW);
    }
    JsonNode lambdaRun =
        find(runs, "lambda")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no lambda run of "
                            + workload
                            + ": "
                            + HOW
                            + " (the lambda run"
                            + " measures cold starts, the invoker and the functions' memory)"));
    double dispatch = RunCosts.dispatchMillis(sequential);
    List<Profile.MeasuredRun> measured = new ArrayList<>();
    for (JsonNode run : runs) {
      measured.add(
          new Profile.MeasuredRun(
              run.path("strategy").asText(),
              RunCosts.shape(run, kind, cores),
              run.path("tasks").size(),
              run.path("wallMillis").asDouble(),
              mean(run.path("startupMillis")),
              RunCosts.of(run, dispatch, work),
              RunCosts.machine(run, cores)));
    }
    return new Profile(workload, kind, work, measured, lambda(lambdaRun, work), cores, loadAverage);
  }

  /**
   * Each task's work as the sequential run measured it, the same for tasks with the same input: the
   * median of theirs, so that one task's stall (a pause of the collector, the machine busy
   * elsewhere) is not taken for the work of its input.
   */
  static List<TaskWork> typicalWork(JsonNode sequential, String kind) {
    Map<String, List<TaskWork>> byInput = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    for (JsonNode task : sequential.path("tasks")) {
      // a task whose input the report does not hold is a kind of its own
      String input = task.hasNonNull("input") ? task.get("input").toString() : "#" + inputs.size();
      inputs.add(input);
      byInput.computeIfAbsent(input, i -> new ArrayList<>()).add(work(task, kind));
    }
    Map<String, TaskWork> typical = new LinkedHashMap<>();
    byInput.forEach(
        (input, measured) ->
            typical.put(
                input,
                new TaskWork(
                    median(measured.stream().map(TaskWork::cpuMillis).toList()),
                    median(measured.stream().map(TaskWork::waitMillis).toList()))));
    return inputs.stream().map(typical::get).toList();
  }

  /**
   * A task's work as the sequential run measured it: its CPU time, and the rest of its time as
   * waiting, but for a CPU unit, whose rest was other threads' turns on the core (what the machine
   * gives a run is the model's to say); all CPU time or all waiting where CPU time is unmeasured.
   */
  static TaskWork work(JsonNode task, String kind) {
    double wall =
        Math.max(0, task.path("endMillis").asDouble() - task.path("startMillis").asDouble());
    JsonNode cpu = task.path("cpuMillis");
    boolean computes = kind.equals("CPU");
    if (!cpu.isNumber()) {
      return computes ? new TaskWork(wall, 0) : new TaskWork(0, wall);
    }
    double cpuMillis = Math.max(0, cpu.asDouble());
    return computes
        ? new TaskWork(cpuMillis, 0)
        : new TaskWork(Math.min(cpuMillis, wall), wall - Math.min(cpuMillis, wall));
  }

  /**
   * A cold start as the invoker sees it: everything its first call took beyond the task's own work
   * and a warm call's round trip: starting the instance, its init, and a first handler call slower
   * than a warm one (classes loading, code not yet compiled).
   */
  static Profile.LambdaMeasure lambda(JsonNode run, List<TaskWork> work) {
    List<JsonNode> tasks = new ArrayList<>();
    run.path("tasks").forEach(tasks::add);
    List<Double> warmOverheads = new ArrayList<>();
    List<Double> handlers = new ArrayList<>();
    int memory = 0;
    for (JsonNode task : tasks) {
      double handler = task.path("durationMillis").asDouble(0);
      handlers.add(handler);
      memory = Math.max(memory, task.path("memorySizeMB").asInt(0));
      if (!task.path("coldStart").asBoolean(false)) {
        warmOverheads.add(Math.max(0, wall(task) - handler));
      }
    }
    double overhead = median(warmOverheads);
    List<Double> coldStarts = new ArrayList<>();
    for (JsonNode task : tasks) {
      if (task.path("coldStart").asBoolean(false)) {
        int index = task.path("index").asInt(0);
        double own = index < work.size() ? work.get(index).millisWith(1) : 0;
        coldStarts.add(Math.max(0, wall(task) - own - overhead));
      }
    }
    if (memory == 0) {
      throw new IllegalArgumentException(
          "the lambda run of "
              + run.path("workload").asText()
              + " reported no memory size: "
              + "run it again with this version of compare");
    }
    int instances = Math.max(1, run.path("concurrency").asInt(1));
    return new Profile.LambdaMeasure(
        instances,
        coldStarts.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        overhead,
        issueRate(run, tasks, instances),
        memory,
        handlers,
        run.path("lambdaTarget").asText("").startsWith("local emulation"));
  }

  /**
   * The invoker's own pace: one invocation per the time its sending thread spends in the client
   * (the run's {@code issueMillis}), which no instance limit holds back. Reports from before that
   * was measured: the median gap between the first wave's sends (as many as there are instances,
   * sent before any answer could free one), which a cold client slows.
   */
  static double issueRate(JsonNode run, List<JsonNode> tasks, int instances) {
    double issueMillis = run.path("issueMillis").asDouble(0);
    return issueMillis > 0 ? 1000.0 / issueMillis : firstWaveRate(tasks, instances);
  }

  static double firstWaveRate(List<JsonNode> tasks, int instances) {
    List<Double> starts =
        tasks.stream()
            .map(task -> task.path("startMillis").asDouble())
            .sorted(Comparator.naturalOrder())
            .limit(instances)
            .toList();
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < starts.size(); i++) {
      gaps.add(starts.get(i) - starts.get(i - 1));
    }
    double gap = gaps.isEmpty() ? 0 : median(gaps);
    return gap <= 0 ? Double.MAX_VALUE : 1000.0 / gap;
  }

  private static double wall(JsonNode task) {
    return task.path("endMillis").asDouble() - task.path("startMillis").asDouble();
  }

  private static java.util.Optional<JsonNode> find(List<JsonNode> runs, String strategy) {
    return runs.stream().filter(run -> run.path("strategy").asText().equals(strategy)).findFirst();
  }

  private static double mean(JsonNode values) {
    double sum = 0;
    for (JsonNode value : values) {
      sum += value.asDouble();
    }
    return values.isEmpty() ? 0 : sum / values.size();
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
