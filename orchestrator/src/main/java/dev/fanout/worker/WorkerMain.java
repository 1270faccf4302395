package dev.fanout.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.measure.CpuTime;
import dev.fanout.measure.TaskError;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A worker JVM of the {@code processes} strategy: reads its settings, then tasks, from stdin, runs
 * each task on its main thread with the same units as the orchestrator, and writes one reply line
 * per task to stdout. It takes no arguments: its settings are the protocol's first line.
 */
public final class WorkerMain {
  /** The exit code of a worker started wrongly: arguments, or no settings line. */
  static final int BAD_START = 2;

  /** The exit code when the orchestrator went away (killed, its pipes closed) mid-conversation. */
  static final int ORCHESTRATOR_GONE = 3;

  private WorkerMain() {}

  public static void main(String[] args) {
    // stdout carries the protocol alone: anything else that prints goes to stderr.
    BufferedWriter protocol =
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintStream err = System.err;
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int exit = serve(args, input, protocol, err);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Reads the settings line, wires the units, says it is ready, then answers every request until
   * the input ends. Returns the exit code: 0, {@link #BAD_START} after one line on {@code err}, or
   * {@link #ORCHESTRATOR_GONE}, saying nothing, when the pipes broke.
   */
  static int serve(String[] args, BufferedReader input, BufferedWriter protocol, PrintStream err) {
    try {
      return answer(args, input, protocol, err);
    } catch (IOException e) {
      // The orchestrator is gone (killed, its pipes closed): nobody is left to answer, and a stack
      // trace would land on the user's terminal.
      return ORCHESTRATOR_GONE;
    }
  }

  private static int answer(
      String[] args, BufferedReader input, BufferedWriter protocol, PrintStream err)
      throws IOException {
    if (args.length > 0) {
      err.println(
          "fanout worker: takes no arguments (its settings are the first line on stdin), got "
              + String.join(" ", args));
      return BAD_START;
    }
    String first = input.readLine();
    if (first == null) {
      err.println(
          "fanout worker: stdin ended before the settings line; the processes strategy sends it"
              + " first");
      return BAD_START;
    }
    UnitSettings settings;
    try {
      settings = WorkerProtocol.readSettings(first).unitSettings();
    } catch (IllegalArgumentException e) {
      err.println("fanout worker: " + e.getMessage());
      return BAD_START;
    }
    try (UnitRuntime runtime = UnitRuntime.open(settings)) {
      send(protocol, WorkerProtocol.readyLine(ProcessHandle.current().pid()));
      String line;
      while ((line = input.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        WorkerProtocol.Request request = WorkerProtocol.readRequest(line);
        send(protocol, WorkerProtocol.write(run(runtime, request)));
      }
    }
    return 0;
  }

  private static WorkerProtocol.Reply run(UnitRuntime runtime, WorkerProtocol.Request request) {
    long cpuStart = CpuTime.currentThreadNanos();
    long start = System.nanoTime();
    JsonNode output = null;
    TaskError error = null;
    try {
      output = runtime.catalog().unit(request.unit()).call(request.input(), Deadline.none());
    } catch (RuntimeException | StackOverflowError e) {
      error = TaskError.of(e);
    }
    double own = (System.nanoTime() - start) / 1e6;
    Double cpu = CpuTime.millisBetween(cpuStart, CpuTime.currentThreadNanos());
    return new WorkerProtocol.Reply(request.index(), output, error, cpu, own);
  }

  private static void send(BufferedWriter protocol, String line) throws IOException {
    protocol.write(line);
    protocol.newLine();
    protocol.flush();
  }
}
