package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.RunClock;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskListener;
import dev.fanout.measure.TaskRecord;
import dev.fanout.plan.UnitSettings;
import dev.fanout.plan.Workload;
import dev.fanout.strategy.kind.StrategyKind;
import dev.fanout.worker.WorkerMain;
import dev.fanout.worker.WorkerProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A pool of worker JVMs fed over pipes: the articles' multiprocessing.Pool. Each worker runs one
 * task at a time; starting the pool is measured and reported apart from the run. A worker that dies
 * fails only the task it was running and is replaced.
 */
public record ProcessesStrategy(UnitSettings settings, int poolSize, LongSupplier nanoTime)
    implements Strategy {
  /** What the listener is told is starting before the run. */
  static final String WORKER_JVMS = "worker JVMs";

  public ProcessesStrategy {
    if (poolSize < 1) {
      throw new IllegalArgumentException("processes needs at least 1 worker, got " + poolSize);
    }
  }

  @Override
  public StrategyKind kind() {
    return StrategyKind.PROCESSES;
  }

  @Override
  public RunResult run(Workload workload, TaskListener listener) {
    List<String> command = workerCommand();
    WorkerProtocol.Settings workerSettings = WorkerProtocol.Settings.of(settings);
    List<Double> startups = new ArrayList<>();
    AtomicInteger ready = new AtomicInteger();
    listener.starting(WORKER_JVMS, 0, poolSize);
    List<WorkerProcess> pool =
        WorkerProcess.startPool(
            command,
            workerSettings,
            poolSize,
            nanoTime,
            () -> {
              synchronized (ready) { // so that the counts are told in order
                listener.starting(WORKER_JVMS, ready.incrementAndGet(), poolSize);
              }
            });
    pool.forEach(worker -> startups.add(worker.startupMillis()));

    RunClock clock = new RunClock(nanoTime);
    int size = workload.size();
    List<CompletableFuture<TaskRecord>> results = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      results.add(new CompletableFuture<>());
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<Feeder>> feeders = new ArrayList<>();
    try (ExecutorService dispatch =
        Executors.newFixedThreadPool(poolSize, runnable -> new Thread(runnable, "dispatch"))) {
      for (WorkerProcess worker : pool) {
        Feeder feeder =
            new Feeder(worker, command, workerSettings, workload, next, results, clock, listener);
        feeders.add(dispatch.submit(feeder::feed));
      }
    }
    double wall = clock.millis();
    for (Feeder feeder : Futures.all(feeders)) {
      startups.addAll(feeder.replacementStartups);
      feeder.worker.close();
    }
    List<TaskRecord> records = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      // A task no worker could take (the pool died and could not be replaced) still ends failed.
      results
          .get(i)
          .complete(
              failed(
                  i,
                  workload.inputs().get(i),
                  "no worker JVM was left to run it",
                  "none",
                  wall,
                  wall));
      records.add(results.get(i).join());
    }
    return new RunResult(workload.name(), kind(), poolSize, poolSize, wall, startups, records);
  }

  /** Feeds one worker tasks until none are left; replaces it if it dies. */
  private final class Feeder {
    private WorkerProcess worker;
    private final List<String> command;
    private final WorkerProtocol.Settings workerSettings;
    private final Workload workload;
    private final AtomicInteger next;
    private final List<CompletableFuture<TaskRecord>> results;
    private final RunClock clock;
    private final TaskListener listener;
    private final List<Double> replacementStartups = new ArrayList<>();

    Feeder(
        WorkerProcess worker,
        List<String> command,
        WorkerProtocol.Settings workerSettings,
        Workload workload,
        AtomicInteger next,
        List<CompletableFuture<TaskRecord>> results,
        RunClock clock,
        TaskListener listener) {
      this.worker = worker;
      this.command = command;
      this.workerSettings = workerSettings;
      this.workload = workload;
      this.next = next;
      this.results = results;
      this.clock = clock;
      this.listener = listener;
    }

    Feeder feed() {
      int index;
      while ((index = next.getAndIncrement()) < workload.size()) {
        JsonNode input = workload.inputs().get(index);
        String lane = "pid " + worker.pid();
        double start = clock.millis();
        TaskRecord record;
        try {
          WorkerProtocol.Reply reply =
              worker.call(new WorkerProtocol.Request(index, workload.unit(), input));
          record =
              new TaskRecord(
                  index,
                  input,
                  reply.output(),
                  reply.error(),
                  lane,
                  start,
                  clock.millis(),
                  reply.cpuMillis());
        } catch (IOException | RuntimeException e) {
          record = failed(index, input, worker.exitDescription(), lane, start, clock.millis());
          worker.kill();
          results.get(index).complete(record);
          listener.finished(record);
          try {
            worker = WorkerProcess.start(withoutArchiveCreation(command), workerSettings, nanoTime);
            replacementStartups.add(worker.startupMillis());
          } catch (RuntimeException startFailure) {
            return this; // the tasks left are failed after the run, not lost
          }
          continue;
        }
        results.get(index).complete(record);
        listener.finished(record);
      }
      return this;
    }
  }

  private static TaskRecord failed(
      int index, JsonNode input, String why, String lane, double start, double end) {
    return new TaskRecord(
        index, input, null, new TaskError("WorkerDied", why), lane, start, end, null);
  }

  /**
   * java, the orchestrator's own class path, start-up options and the worker main: no settings,
   * which go over the pipe as the protocol's first line.
   */
  static List<String> workerCommand() {
    String javaHome = System.getProperty("java.home");
    String classPath = System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    // Serial GC and no perf data start faster; the archive skips class loading and verification.
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-Xlog:disable",
            "-Xlog:all=error:stderr",
            // A stale archive (the jar was rebuilt) is an error to the JVM, which then runs without
            // it and the first worker writes a new one: nothing for the user to do.
            "-Xlog:cds=off:stderr",
            "-XX:+AutoCreateSharedArchive",
            "-XX:SharedArchiveFile=" + archiveFor(javaHome, classPath)));
    command.add("-cp");
    command.add(classPath);
    command.add(WorkerMain.class.getName());
    return command;
  }

  /** Only the first worker may write the archive; the others read it once it exists. */
  static List<String> withoutArchiveCreation(List<String> command) {
    List<String> copy = new ArrayList<>(command);
    copy.remove("-XX:+AutoCreateSharedArchive");
    copy.removeIf(
        option ->
            option.startsWith("-XX:SharedArchiveFile=")
                && !Files.exists(Path.of(option.substring("-XX:SharedArchiveFile=".length()))));
    return copy;
  }

  /**
   * The archive of this JVM and class path, named after the class path's files as built: the JVM
   * will not use an archive whose jars changed since, nor (seen on JDK 25) write a new one over it,
   * so a rebuilt jar gets a new archive, and the archives of earlier builds are removed.
   */
  private static Path archiveFor(String javaHome, String classPath) {
    String jvm = javaHome + "|" + System.getProperty("java.vm.version") + "|" + classPath;
    StringBuilder build = new StringBuilder();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      try {
        Path file = Path.of(entry);
        build.append(Files.size(file)).append('@').append(Files.getLastModifiedTime(file));
      } catch (IOException | RuntimeException e) {
        build.append("?"); // a missing entry: the JVM will not use the archive anyway
      }
      build.append('|');
    }
    HexFormat hex = HexFormat.of();
    String prefix = "worker-" + hex.toHexDigits(jvm.hashCode()) + "-";
    String name = prefix + hex.toHexDigits(build.toString().hashCode()) + ".jsa";
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "fanout-cds");
    try {
      Files.createDirectories(dir);
      try (var earlier = Files.newDirectoryStream(dir, prefix + "*.jsa")) {
        for (Path archive : earlier) {
          if (!archive.getFileName().toString().equals(name)) {
            Files.deleteIfExists(archive);
          }
        }
      }
    } catch (IOException e) {
      // Without the directory the JVM simply runs without the archive; a stale one only takes room.
    }
    return dir.resolve(name);
  }
}
