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
 * task at a time; starting the pool is measured and reported apart from the run. A worker that
 * dies, or gives no answer by the task's deadline (and is killed), fails only the task it was
 * running and is replaced, as often as the run's replacements allow.
 */
public record ProcessesStrategy(
    UnitSettings settings, int poolSize, TaskTimeout taskTimeout, LongSupplier nanoTime)
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
    try (WorkerPool pool =
        new WorkerPool(
            workerCommand(),
            WorkerProtocol.Settings.of(settings),
            taskTimeout,
            Replacements.forPool(poolSize),
            nanoTime)) {
      AtomicInteger ready = new AtomicInteger();
      listener.starting(WORKER_JVMS, 0, poolSize);
      List<WorkerPool.Worker> workers =
          pool.start(
              poolSize,
              () -> {
                synchronized (ready) { // so that the counts are told in order
                  listener.starting(WORKER_JVMS, ready.incrementAndGet(), poolSize);
                }
              });
      List<Double> startups = new ArrayList<>();
      workers.forEach(worker -> startups.add(worker.startupMillis()));

      RunClock clock = new RunClock(nanoTime);
      int size = workload.size();
      List<CompletableFuture<TaskRecord>> results = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        results.add(new CompletableFuture<>());
      }
      AtomicInteger next = new AtomicInteger();
      List<Future<Feeder>> feeders = new ArrayList<>();
      try (ExecutorService dispatch =
          Executors.newFixedThreadPool(
              workers.size(), runnable -> new Thread(runnable, "dispatch"))) {
        for (WorkerPool.Worker worker : workers) {
          Feeder feeder = new Feeder(pool, worker, workload, next, results, clock, listener);
          feeders.add(dispatch.submit(feeder::feed));
        }
      }
      double wall = clock.millis();
      for (Feeder feeder : Futures.all(feeders)) {
        startups.addAll(feeder.replacementStartups);
        if (feeder.worker != null) {
          feeder.worker.close();
        }
      }
      List<TaskRecord> records = new ArrayList<>(size);
      TaskError noWorker = null;
      for (int i = 0; i < size; i++) {
        CompletableFuture<TaskRecord> result = results.get(i);
        if (!result.isDone()) {
          // No worker took it: every one was lost, and the replacements are spent.
          noWorker =
              noWorker != null
                  ? noWorker
                  : new TaskError("NoWorkerLeft", "not run: " + pool.noWorkerLeft());
          TaskRecord notRun =
              new TaskRecord(i, workload.inputs().get(i), null, noWorker, "none", wall, wall, null);
          result.complete(notRun);
          listener.finished(notRun);
        }
        records.add(result.join());
      }
      return new RunResult(workload.name(), kind(), poolSize, poolSize, wall, startups, records);
    }
  }

  /**
   * Feeds one worker tasks until none are left; a worker lost on a task (hung or dead) fails that
   * task alone and is replaced, while the run's replacements last.
   */
  private static final class Feeder {
    private final WorkerPool pool;
    private WorkerPool.Worker worker;
    private final Workload workload;
    private final AtomicInteger next;
    private final List<CompletableFuture<TaskRecord>> results;
    private final RunClock clock;
    private final TaskListener listener;
    private final List<Double> replacementStartups = new ArrayList<>();

    Feeder(
        WorkerPool pool,
        WorkerPool.Worker worker,
        Workload workload,
        AtomicInteger next,
        List<CompletableFuture<TaskRecord>> results,
        RunClock clock,
        TaskListener listener) {
      this.pool = pool;
      this.worker = worker;
      this.workload = workload;
      this.next = next;
      this.results = results;
      this.clock = clock;
      this.listener = listener;
    }

    Feeder feed() {
      int index;
      while (worker != null && (index = next.getAndIncrement()) < workload.size()) {
        JsonNode input = workload.inputs().get(index);
        String lane = "pid " + worker.pid();
        double start = clock.millis();
        WorkerPool.Outcome outcome =
            worker.call(new WorkerProtocol.Request(index, workload.unit(), input));
        TaskRecord record =
            switch (outcome) {
              case WorkerPool.Answered(WorkerProtocol.Reply reply) ->
                  new TaskRecord(
                      index,
                      input,
                      reply.output(),
                      reply.error(),
                      lane,
                      start,
                      clock.millis(),
                      reply.cpuMillis(),
                      null,
                      reply.workerMillis());
              case WorkerPool.Lost(TaskError error) ->
                  new TaskRecord(index, input, null, error, lane, start, clock.millis(), null);
            };
        results.get(index).complete(record);
        listener.finished(record);
        if (outcome instanceof WorkerPool.Lost) {
          // Without a replacement this feeder stops; the others take the tasks left.
          worker = pool.replace(worker).orElse(null);
          if (worker != null) {
            replacementStartups.add(worker.startupMillis());
          }
        }
      }
      return this;
    }
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
