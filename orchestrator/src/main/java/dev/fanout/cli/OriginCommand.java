package dev.fanout.cli;

import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fanout origin}: the local origin as a standalone server, until interrupted. */
@Command(
    name = "origin",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the offline targets of the I/O workloads: /pages/jython and /pages/dice,"
          + " /id/{id}/{width}/{height} images, /pokedex/{number} pages, with added latency.",
      "Binds 127.0.0.1 unless --host says otherwise. Stop it with Ctrl-C."
    })
final class OriginCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free port).")
  int port;

  @Option(names = "--latency-ms", defaultValue = "50", description = "Added latency per response.")
  int latencyMs;

  @Option(names = "--jitter-ms", defaultValue = "0", description = "Random extra latency, 0..MS.")
  int jitterMs;

  @Override
  public Integer call() throws InterruptedException {
    OptionChecks.range("--port", port, 0, 65_535);
    if (latencyMs < 0 || jitterMs < 0) {
      throw new IllegalArgumentException("--latency-ms and --jitter-ms must not be negative");
    }
    OriginServer server =
        OriginServer.start(
            OriginOptions.defaults()
                .withHost(host)
                .withPort(port)
                .withLatency(Duration.ofMillis(latencyMs))
                .withJitter(Duration.ofMillis(jitterMs)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    PrintWriter out = spec.commandLine().getOut();
    out.println("fanout origin listening on " + server.baseUri());
    out.println("  " + server.pageUri("jython"));
    out.println("  " + server.imageUri(0, 200, 300));
    out.println("  " + server.pokedexUri(1));
    out.flush();
    stopped.await();
    return FanoutMain.OK;
  }
}
