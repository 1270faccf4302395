package dev.fanout.strategy;

import dev.fanout.worker.WorkerProtocol;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator's handle on one worker JVM's process and pipes: starts it, hands it its
 * settings, sends it tasks, stops it. Whether it is alive is {@link WorkerPool}'s to judge.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader replies;

  private WorkerProcess(Process process) {
    this.process = process;
    this.requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.replies =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts a worker JVM; it is not ready until {@link #handshake} says so. */
  static WorkerProcess spawn(List<String> command) {
    try {
      return new WorkerProcess(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker JVM (" + command.get(0) + ")", e);
    }
  }

  /**
   * Hands the worker its settings as the protocol's first line and waits until it says it is ready.
   *
   * @throws IOException when it exits (or its pipes break) first
   * @throws IllegalStateException when it answers something else than that it is ready
   */
  void handshake(WorkerProtocol.Settings settings) throws IOException {
    requests.write(WorkerProtocol.write(settings));
    requests.newLine();
    requests.flush();
    String line = replies.readLine();
    if (line == null) {
      throw new IOException("it exited before saying it was ready");
    }
    if (WorkerProtocol.parseReady(line) < 0) {
      throw new IllegalStateException("it said " + line + " instead of that it was ready");
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
    return process.pid();
  }

  /** Why the worker is gone, for the record of the task it was running. */
  String exitDescription() {
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        return "worker pid " + pid() + " exited with code " + process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "worker pid " + pid() + " stopped answering";
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

  /** Kills it at once: SIGKILL, which also ends a stopped process. */
  void kill() {
    process.destroyForcibly();
  }
}
