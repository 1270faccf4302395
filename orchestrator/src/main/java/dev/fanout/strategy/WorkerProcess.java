package dev.fanout.strategy;

import dev.fanout.worker.WorkerProtocol;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The orchestrator's handle on one worker JVM: starts it, sends it tasks, stops it. */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader replies;
  private final long pid;
  private final double startupMillis;

  private WorkerProcess(
      Process process, BufferedWriter requests, BufferedReader replies, long pid, double startup) {
    this.process = process;
    this.requests = requests;
    this.replies = replies;
    this.pid = pid;
    this.startupMillis = startup;
  }

  /**
   * Starts a worker, hands it its settings as the protocol's first line, and waits until it says it
   * is ready; the wait is its start-up time.
   */
  static WorkerProcess start(
      List<String> command, WorkerProtocol.Settings settings, LongSupplier nanoTime) {
    long begin = nanoTime.getAsLong();
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker JVM (" + command.get(0) + ")", e);
    }
    BufferedWriter requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    BufferedReader replies =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      requests.write(WorkerProtocol.write(settings));
      requests.newLine();
      requests.flush();
      String line = replies.readLine();
      long pid = line == null ? -1 : WorkerProtocol.parseReady(line);
      if (pid < 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "a worker JVM did not start: "
                + (line == null ? "it exited before saying it was ready" : "it said " + line)
                + " (its stderr is above)");
      }
      return new WorkerProcess(
          process, requests, replies, pid, (nanoTime.getAsLong() - begin) / 1e6);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("a worker JVM did not start", e);
    }
  }

  /**
   * Starts {@code count} workers at once and waits for them all; only the first may write the
   * class-data archive, the others read it. If one cannot start, those that did are killed.
   *
   * @param ready told, from the thread that started it, of each worker as it is ready
   */
  static List<WorkerProcess> startPool(
      List<String> command,
      WorkerProtocol.Settings settings,
      int count,
      LongSupplier nanoTime,
      Runnable ready) {
    try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<WorkerProcess>> starting = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        List<String> own = i == 0 ? command : ProcessesStrategy.withoutArchiveCreation(command);
        starting.add(
            starters.submit(
                () -> {
                  WorkerProcess worker = start(own, settings, nanoTime);
                  ready.run();
                  return worker;
                }));
      }
      List<WorkerProcess> pool = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<WorkerProcess> future : starting) {
        try {
          pool.add(future.get());
        } catch (ExecutionException e) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = new IllegalStateException("interrupted while starting workers", e);
        }
      }
      if (failure != null) {
        pool.forEach(WorkerProcess::kill);
        throw failure;
      }
      return pool;
    }
  }

  /** Sends one task and waits for its reply; an IOException means the worker is gone. */
  WorkerProtocol.Reply call(WorkerProtocol.Request request) throws IOException {
    requests.write(WorkerProtocol.write(request));
    requests.newLine();
    requests.flush();
    String line = replies.readLine();
    if (line == null) {
      throw new IOException("the worker's output ended");
    }
    return WorkerProtocol.readReply(line);
  }

  long pid() {
    return pid;
  }

  double startupMillis() {
    return startupMillis;
  }

  /** Why the worker is gone, for the record of the task it was running. */
  String exitDescription() {
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        return "worker pid " + pid + " exited with code " + process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "worker pid " + pid + " stopped answering";
  }

  /** Closes its input so it exits on its own (writing its class-data archive), else kills it. */
  @Override
  public void close() {
    try {
      requests.close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  void kill() {
    process.destroyForcibly();
  }
}
