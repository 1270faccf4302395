package dev.fanout.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.measure.CpuTime;
import dev.fanout.measure.TaskError;
import dev.fanout.plan.LedgerSettings;
import dev.fanout.plan.UnitRuntime;
import dev.fanout.plan.UnitSettings;
import dev.fanout.units.Deadline;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker JVM of the {@code processes} strategy: reads tasks from stdin, runs each on its main
 * thread with the same units as the orchestrator, and writes one reply line per task to stdout.
 *
 * <p>Arguments: pokedex base URL, image directory, fetch timeout in ms, max response bytes, ledger
 * kind, ledger table, ledger endpoint (the last two "-" when there is none).
 */
public final class WorkerMain {
  /** An argument that is not set. */
  private static final String NONE = "-";

  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    // stdout carries the protocol alone: anything else that prints goes to stderr.
    BufferedWriter protocol =
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));

    UnitSettings settings =
        new UnitSettings(
            URI.create(args[0]),
            Path.of(args[1]),
            Duration.ofMillis(Long.parseLong(args[2])),
            Long.parseLong(args[3]),
            new LedgerSettings(
                LedgerSettings.Kind.of(args[4]),
                args[5].equals(NONE) ? null : args[5],
                args[6].equals(NONE) ? null : URI.create(args[6])));
    try (UnitRuntime runtime = UnitRuntime.open(settings);
        BufferedReader requests =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      send(protocol, WorkerProtocol.readyLine(ProcessHandle.current().pid()));
      String line;
      while ((line = requests.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        WorkerProtocol.Request request = WorkerProtocol.readRequest(line);
        send(protocol, WorkerProtocol.write(run(runtime, request)));
      }
    }
  }

  /** The arguments that hand {@code settings} to a worker. */
  public static String[] arguments(UnitSettings settings) {
    return new String[] {
      settings.pokedexBase().toString(),
      settings.imageDir().toString(),
      Long.toString(settings.fetchTimeout().toMillis()),
      Long.toString(settings.maxResponseBytes()),
      settings.ledger().kind().label(),
      settings.ledger().table() == null ? NONE : settings.ledger().table(),
      settings.ledger().endpoint() == null ? NONE : settings.ledger().endpoint().toString()
    };
  }

  private static WorkerProtocol.Reply run(UnitRuntime runtime, WorkerProtocol.Request request) {
    long cpuStart = CpuTime.currentThreadNanos();
    JsonNode output = null;
    TaskError error = null;
    try {
      output = runtime.catalog().unit(request.unit()).call(request.input(), Deadline.none());
    } catch (RuntimeException | StackOverflowError e) {
      error = TaskError.of(e);
    }
    Double cpu = CpuTime.millisBetween(cpuStart, CpuTime.currentThreadNanos());
    return new WorkerProtocol.Reply(request.index(), output, error, cpu);
  }

  private static void send(BufferedWriter protocol, String line) throws IOException {
    protocol.write(line);
    protocol.newLine();
    protocol.flush();
  }
}
