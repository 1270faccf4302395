package dev.fanout.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the user's commands (scripts/fanout) under faults for a number of minutes and counts what
 * became of every task: comparisons on worker JVMs and on the local Lambda service while workers
 * and instances are killed (SIGKILL) and stopped (SIGSTOP), Lambda throttles from more invocations
 * than instances, banks on DynamoDB with injected transaction conflicts and killed workers, and
 * once the orchestrator itself killed with SIGKILL and the run completed with --resume (a
 * comparison and a bank). A task is lost when no report has an outcome for it, doubled when one has
 * two; both must be 0.
 *
 * <p>Usage: {@code ChaosBench ROOT MINUTES WORKDIR}; exits 1 when a task was lost or doubled.
 */
public final class ChaosBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Path work;
  private final Random random = new Random(7);
  private final Map<String, AtomicInteger> faults = new TreeMap<>();
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private long tasks;
  private long lost;
  private long doubled;
  private int rounds;

  private ChaosBench(Path root, Path work) {
    this.root = root;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    double minutes = Double.parseDouble(args[1]);
    Path work = Files.createDirectories(Path.of(args[2]));
    ChaosBench bench = new ChaosBench(root, work);
    long end = System.nanoTime() + (long) (minutes * 60e9);
    bench.compareKilledAndResumed();
    bench.bankKilledAndResumed();
    for (int i = 0; System.nanoTime() < end; i++) {
      switch (i % 3) {
        case 0 -> bench.compareOnLambda();
        case 1 -> bench.bankOnWorkers();
        default -> bench.compareOnWorkers();
      }
    }
    System.exit(bench.report(minutes) ? 0 : 1);
  }

  private void count(String fault) {
    faults.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
  }

  /** A comparison on worker JVMs with faults, its orchestrator killed, then --resume. */
  private void compareKilledAndResumed() throws Exception {
    Path journal = work.resolve("resumed-" + rounds + ".jsonl");
    Path json = work.resolve("resumed-" + rounds + ".json");
    killThenResume(workerCompare(journal, json, 30), journal, 10);
    tallyCompare(json, journal);
  }

  private void compareOnWorkers() throws Exception {
    Path journal = work.resolve("workers-" + rounds + ".jsonl");
    Path json = work.resolve("workers-" + rounds + ".json");
    Process run = start(workerCompare(journal, json, 24));
    finish(run, Chaos.on(run, "dev.fanout.worker.WorkerMain", true, this));
    tallyCompare(json, journal);
  }

  private List<String> workerCompare(Path journal, Path json, int tasks) {
    return List.of(
        "compare",
        "-w",
        "nap,fib,download",
        "-s",
        "processes",
        "--tasks",
        Integer.toString(tasks),
        "--task-timeout",
        "3s",
        "--journal",
        journal.toString(),
        "--json",
        json.toString(),
        "--no-html",
        "--no-warmup");
  }

  /** More invocations in flight than instances (throttles), instances killed. */
  private void compareOnLambda() throws Exception {
    Path journal = work.resolve("lambda-" + rounds + ".jsonl");
    Path json = work.resolve("lambda-" + rounds + ".json");
    Process run =
        start(
            List.of(
                "compare",
                "-w",
                "nap,fib",
                "-s",
                "lambda",
                "--tasks",
                "24",
                "--workers",
                "8",
                "--max-instances",
                "2",
                "--journal",
                journal.toString(),
                "--json",
                json.toString(),
                "--no-html"));
    finish(run, Chaos.on(run, "-Dlocallambda.function=", false, this));
    tallyCompare(json, journal);
    for (JsonNode result : JSON.readTree(json.toFile()).path("runs")) {
      int throttles = result.path("throttles").asInt();
      faults.computeIfAbsent("Lambda throttles", f -> new AtomicInteger()).addAndGet(throttles);
    }
  }

  /** DynamoDB conflicts every 25th write, workers killed and stopped. */
  private void bankOnWorkers() throws Exception {
    Path json = work.resolve("bank-" + rounds + ".json");
    int transfers = 1200;
    Process run = start(workerBank(transfers, json, null));
    finish(run, Chaos.on(run, "dev.fanout.worker.WorkerMain", true, this));
    tallyBank(json, transfers);
  }

  /** A bank on worker JVMs with faults, its orchestrator killed, then --resume. */
  private void bankKilledAndResumed() throws Exception {
    Path journal = work.resolve("bank-resumed-" + rounds + ".jsonl");
    Path json = work.resolve("bank-resumed-" + rounds + ".json");
    int transfers = 1200;
    killThenResume(workerBank(transfers, json, journal), journal, 200);
    tallyBank(json, transfers);
  }

  /**
   * Runs {@code arguments} on worker JVMs with faults, kills its orchestrator with SIGKILL once
   * {@code lines} tasks are journalled, then completes it with --resume, faults again.
   */
  private void killThenResume(List<String> arguments, Path journal, int lines) throws Exception {
    Process first = start(arguments);
    Chaos chaos = Chaos.on(first, "dev.fanout.worker.WorkerMain", true, this);
    waitForLines(journal, lines, first);
    List<ProcessHandle> orphans = first.descendants().toList();
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no report
    first.waitFor(30, TimeUnit.SECONDS);
    Thread.sleep(2_000); // its worker JVMs end when their pipes close; any that did not, now
    orphans.forEach(ProcessHandle::destroyForcibly);
    chaos.stop();
    count("orchestrator kill -9 + --resume");
    Process second = start(List.of(arguments.getFirst(), "--resume", journal.toString()));
    finish(second, Chaos.on(second, "dev.fanout.worker.WorkerMain", true, this));
  }

  /** A bank on worker JVMs and fanout's local DynamoDB, with conflicts; journalled in journal. */
  private static List<String> workerBank(int transfers, Path json, Path journal) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "bank",
                "--strategy",
                "processes",
                "--ledger",
                "dynamodb",
                "--transfers",
                Integer.toString(transfers),
                "--concurrency",
                "8",
                "--conflict-every",
                "25",
                "--task-timeout",
                "5s",
                "--json",
                json.toString()));
    if (journal != null) {
      arguments.addAll(List.of("--journal", journal.toString()));
    }
    return arguments;
  }

  /** Every transfer answered once, none applied twice, the ledger agreeing with the answers. */
  private void tallyBank(Path json, int transfers) throws IOException {
    rounds++;
    JsonNode bank = JSON.readTree(json.toFile());
    long answered =
        bank.path("applied").asLong()
            + bank.path("refused").asLong()
            + bank.path("duplicates").asLong()
            + bank.path("failed").asLong();
    tasks += transfers;
    lost += transfers - answered;
    doubled += bank.path("appliedTwice").asLong();
    if (!bank.path("invariantsHold").asBoolean()) {
      System.out.println("bank round " + rounds + ": invariants broken: " + bank.path("broken"));
      doubled += Math.max(1, bank.path("disagreements").size());
    }
    faults
        .computeIfAbsent("DynamoDB conflicts retried", f -> new AtomicInteger())
        .addAndGet(bank.path("retries").asInt());
    outcomes.merge("transfer applied", (int) bank.path("applied").asLong(), Integer::sum);
    outcomes.merge("transfer refused", (int) bank.path("refused").asLong(), Integer::sum);
    outcomes.merge(
        "transfer already applied (answered after a resume)",
        (int) bank.path("duplicates").asLong(),
        Integer::sum);
    outcomes.merge(
        "transfer settled applied", (int) bank.path("settledApplied").asLong(), Integer::sum);
    outcomes.merge(
        "transfer failed before commit",
        (int) bank.path("failedBeforeCommit").asLong(),
        Integer::sum);
  }

  private Process start(List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("scripts/fanout").toString());
    command.addAll(arguments);
    Path log = work.resolve("round-" + rounds + "-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("CI", "true");
    return builder.start();
  }

  private static void finish(Process process, Chaos chaos) throws InterruptedException {
    boolean ended = process.waitFor(10, TimeUnit.MINUTES);
    chaos.stop();
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("a round did not end in 10 minutes: " + process.info());
    }
  }

  private static void waitForLines(Path journal, int tasks, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(journal)
          && Files.readAllLines(journal).stream().filter(l -> l.contains("\"task\"")).count()
              >= tasks) {
        return;
      }
      Thread.sleep(100);
    }
  }

  /** Every task of every run once in the report, and at most once in the journal. */
  private void tallyCompare(Path json, Path journal) throws IOException {
    rounds++;
    JsonNode report = JSON.readTree(json.toFile());
    for (JsonNode run : report.path("runs")) {
      int expected = run.path("tasks").size();
      Map<Integer, Integer> seen = new HashMap<>();
      for (JsonNode task : run.path("tasks")) {
        seen.merge(task.path("index").asInt(), 1, Integer::sum);
        String outcome =
            task.path("error").isNull() ? "ok" : task.path("error").path("type").asText();
        outcomes.merge(outcome, 1, Integer::sum);
      }
      int size = Math.max(expected, seen.keySet().stream().mapToInt(i -> i + 1).max().orElse(0));
      tasks += size;
      for (int i = 0; i < size; i++) {
        int times = seen.getOrDefault(i, 0);
        if (times == 0) {
          lost++;
        } else if (times > 1) {
          doubled += times - 1;
        }
      }
    }
    Map<String, Integer> lines = new HashMap<>();
    List<String> all = Files.readAllLines(journal);
    for (String line : all.subList(1, all.size())) {
      JsonNode node = JSON.readTree(line);
      if (node.path("type").asText().equals("task")) {
        String key =
            node.path("workload").asText()
                + "/"
                + node.path("strategy").asText()
                + "/"
                + node.path("repeat").asInt()
                + "/"
                + node.path("index").asInt();
        lines.merge(key, 1, Integer::sum);
      }
    }
    lines.values().stream().filter(n -> n > 1).forEach(n -> doubled += n - 1);
  }

  private boolean report(double minutes) {
    System.out.printf(
        "chaos: %.1f min, %d rounds on %d cores%n",
        minutes, rounds, Runtime.getRuntime().availableProcessors());
    List<String> injected = new ArrayList<>();
    faults.forEach((fault, n) -> injected.add(n.get() + " " + fault));
    System.out.println("faults injected: " + String.join(", ", injected));
    System.out.println("tasks: " + tasks);
    List<String> ends = new ArrayList<>();
    outcomes.forEach((outcome, n) -> ends.add(n + " " + outcome));
    System.out.println("outcomes: " + String.join(", ", ends));
    System.out.println("lost: " + lost);
    System.out.println("doubled: " + doubled);
    return lost == 0 && doubled == 0;
  }

  /** Kills and stops the processes of one kind under a run, at random, until stopped. */
  private static final class Chaos {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final List<Long> stopped = new ArrayList<>();

    private Chaos(Process run, String marker, boolean mayStop, ChaosBench bench) {
      this.thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try {
                      while (running.get() && run.isAlive()) {
                        Thread.sleep(1_500 + bench.random.nextInt(2_000));
                        List<ProcessHandle> targets =
                            run.descendants()
                                .filter(
                                    p ->
                                        p.info().commandLine().orElse("").contains(marker)
                                            && !stopped.contains(p.pid()))
                                .toList();
                        if (targets.isEmpty() || !running.get()) {
                          continue;
                        }
                        ProcessHandle victim = targets.get(bench.random.nextInt(targets.size()));
                        String kind = marker.contains("Worker") ? "worker" : "Lambda instance";
                        if (mayStop && bench.random.nextInt(3) == 0) {
                          signal("STOP", victim.pid());
                          stopped.add(victim.pid());
                          bench.count(kind + " stops (SIGSTOP)");
                        } else {
                          victim.destroyForcibly();
                          bench.count(kind + " kills (SIGKILL)");
                        }
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
    }

    static Chaos on(Process run, String marker, boolean mayStop, ChaosBench bench) {
      return new Chaos(run, marker, mayStop, bench);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(5_000);
      // A stopped worker the run did not reach (it ended first) must not outlive the bench.
      for (long pid : stopped) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        signal("CONT", pid);
      }
    }

    private static void signal(String signal, long pid) {
      try {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
