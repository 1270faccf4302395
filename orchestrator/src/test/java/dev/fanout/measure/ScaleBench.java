package dev.fanout.measure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.report.ConsoleTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench scale}: the user's command with many tasks that ask for no work of their own
 * (naps of 0 ms), {@code scripts/fanout run -w nap -s S --tasks-file F --tasks N}, under each
 * strategy in a child process, several times: the orchestrator's peak RSS, the whole command's
 * time, the run's wall time per task (the task asks for nothing: all of it is the strategy's and
 * the lab's cost), the time the CLI says its reports took to write, and their sizes. Median and
 * [min..max] of the runs.
 *
 * <p>Usage: {@code ScaleBench ROOT WORKDIR RUNS TASKS LAMBDA_TASKS}; exits 1 when a command failed.
 */
public final class ScaleBench {
  private static final List<String> STRATEGIES =
      List.of("sequential", "threads", "async", "virtual", "lambda");
  private static final Pattern REPORT =
      Pattern.compile("(JSON|HTML) report: .* \\((.+), written in ([0-9.]+) (ms|s)\\)");

  /** One run of the command. */
  record Sample(
      double peakMb,
      double commandMillis,
      double runMillis,
      double reportsMillis,
      long jsonBytes,
      long htmlBytes,
      double load) {}

  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[1]));
    int runs = Integer.parseInt(args[2]);
    int tasks = Integer.parseInt(args[3]);
    int lambdaTasks = Integer.parseInt(args[4]);
    Path taskFile = Files.writeString(work.resolve("nap-0ms.jsonl"), "{\"millis\": 0}\n");
    System.out.println(machine());
    System.out.println("peak RSS: " + PeakRss.how());
    System.out.printf(
        "command: scripts/fanout run -w nap -s S --tasks-file %s --tasks N --json .. --html .."
            + " --journal ..; %d runs each%n",
        taskFile, runs);
    System.out.printf(
        Locale.ROOT,
        "%n%-10s %7s  %-19s %-23s %-23s %9s  %-20s %8s %7s  %s%n",
        "strategy",
        "tasks",
        "peak RSS",
        "command",
        "run wall",
        "per task",
        "reports written",
        "JSON",
        "HTML",
        "load");
    boolean failed = false;
    String worst = null;
    double worstMb = 0;
    for (String strategy : STRATEGIES) {
      int count = strategy.equals("lambda") ? lambdaTasks : tasks;
      List<Sample> samples = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        Sample sample = runOnce(root, work, taskFile, strategy, count, run);
        if (sample == null) {
          failed = true;
          break;
        }
        samples.add(sample);
      }
      if (samples.isEmpty()) {
        continue;
      }
      print(strategy, count, samples);
      if (count < tasks) {
        double seconds = median(samples, Sample::runMillis) / 1000;
        System.out.printf(
            Locale.ROOT,
            "%-10s %,d tasks, not %,d: at its %.0f tasks/s here, %,d would take %.0f min%n",
            "",
            count,
            tasks,
            count / seconds,
            tasks,
            tasks * seconds / count / 60);
      }
      double peak = median(samples, Sample::peakMb);
      if (peak > worstMb) {
        worstMb = peak;
        worst = strategy;
      }
    }
    if (worst != null) {
      System.out.printf(Locale.ROOT, "%nhighest peak RSS: %s, %.0f MB (median)%n", worst, worstMb);
    }
    System.out.println(
        "per task: the run's wall time / tasks; a nap of 0 ms asks for no work, so all of it is"
            + " the strategy's and the lab's (records, journal, progress) cost.");
    System.exit(failed ? 1 : 0);
  }

  /** One run of the user's command; null when it failed, after saying so. */
  private static Sample runOnce(
      Path root, Path work, Path taskFile, String strategy, int tasks, int run)
      throws IOException, InterruptedException {
    String name = strategy + "-" + run;
    Path json = work.resolve(name + ".json");
    Path html = work.resolve(name + ".html");
    Path journal = work.resolve(name + ".jsonl");
    Path log = work.resolve(name + ".log");
    for (Path old : List.of(json, html, journal)) {
      Files.deleteIfExists(old); // a journal is never appended to by another run
    }
    List<String> command =
        List.of(
            root.resolve("scripts/fanout").toString(),
            "run",
            "-w",
            "nap",
            "-s",
            strategy,
            "--tasks-file",
            taskFile.toString(),
            "--tasks",
            Integer.toString(tasks),
            "--json",
            json.toString(),
            "--html",
            html.toString(),
            "--journal",
            journal.toString());
    double load = loadAverage();
    long start = System.nanoTime();
    PeakRss.Measured measured = PeakRss.run(command, Map.of("CI", "true"), log);
    double commandMillis = (System.nanoTime() - start) / 1e6;
    if (measured.exit() != 0) {
      System.out.printf(
          "%-10s run %d failed with exit code %d: see %s%n", strategy, run, measured.exit(), log);
      return null;
    }
    return new Sample(
        measured.peakKb() / 1024.0,
        commandMillis,
        firstRunWallMillis(json),
        reportsMillis(Files.readString(log)),
        Files.size(json),
        Files.size(html),
        load);
  }

  /** The first run's wallMillis, read as a stream: the report holds every task. */
  private static double firstRunWallMillis(Path json) throws IOException {
    try (JsonParser parser = new ObjectMapper().getFactory().createParser(json.toFile())) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && parser.currentName().equals("wallMillis")) {
          parser.nextToken();
          return parser.getDoubleValue();
        }
      }
    }
    throw new IllegalStateException(json + " has no run's wallMillis");
  }

  /** What the CLI said its JSON and HTML reports took to write, added up. */
  static double reportsMillis(String output) {
    double millis = 0;
    int reports = 0;
    Matcher report = REPORT.matcher(output);
    while (report.find()) {
      double value = Double.parseDouble(report.group(3));
      millis += report.group(4).equals("s") ? value * 1000 : value;
      reports++;
    }
    if (reports != 2) {
      throw new IllegalStateException(
          "the command said how long " + reports + " of 2 reports took");
    }
    return millis;
  }

  private static void print(String strategy, int tasks, List<Sample> samples) {
    double perTaskMillis = median(samples, Sample::runMillis) / tasks;
    System.out.printf(
        Locale.ROOT,
        "%-10s %7s  %-19s %-23s %-23s %9s  %-20s %8s %7s  %s%n",
        strategy,
        String.format(Locale.ROOT, "%,d", tasks),
        spread(samples, Sample::peakMb, "%.0f", " MB"),
        spread(samples, s -> s.commandMillis() / 1000, "%.2f", " s"),
        spread(samples, s -> s.runMillis() / 1000, "%.2f", " s"),
        ConsoleTable.perTask(perTaskMillis),
        spread(samples, s -> s.reportsMillis() / 1000, "%.2f", " s"),
        String.format(Locale.ROOT, "%.1f MB", median(samples, s -> s.jsonBytes()) / 1e6),
        String.format(Locale.ROOT, "%.0f KB", median(samples, s -> s.htmlBytes()) / 1e3),
        spread(samples, Sample::load, "%.1f", ""));
  }

  /** "median [min..max]" of a figure, each formatted with {@code format}, then the unit. */
  private static String spread(
      List<Sample> samples, ToDoubleFunction<Sample> figure, String format, String unit) {
    List<Double> values = values(samples, figure);
    String median = String.format(Locale.ROOT, format, median(samples, figure));
    if (values.size() == 1) {
      return median + unit;
    }
    return median
        + unit
        + " ["
        + String.format(Locale.ROOT, format, values.getFirst())
        + ".."
        + String.format(Locale.ROOT, format, values.getLast())
        + "]";
  }

  private static List<Double> values(List<Sample> samples, ToDoubleFunction<Sample> figure) {
    List<Double> values = new ArrayList<>();
    samples.forEach(sample -> values.add(figure.applyAsDouble(sample)));
    Collections.sort(values);
    return values;
  }

  private static double median(List<Sample> samples, ToDoubleFunction<Sample> figure) {
    List<Double> sorted = values(samples, figure);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String machine() throws IOException {
    long memoryKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return String.format(
        Locale.ROOT,
        "machine: %d cores, %.1f GiB of memory, Java %s (%s), %s %s; load average %.2f",
        Runtime.getRuntime().availableProcessors(),
        memoryKb / 1024.0 / 1024.0,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        loadAverage());
  }

  private static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }
}
