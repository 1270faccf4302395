package dev.fanout.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.plan.UnitSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's side of the handshake, in-process: settings first, or one clear line and out. */
class WorkerMainTest {
  @TempDir Path images;

  record Served(int exit, List<String> protocol, List<String> err) {}

  private static Served serve(String input, String... args) throws Exception {
    StringWriter protocol = new StringWriter();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        WorkerMain.serve(
            args,
            new BufferedReader(new StringReader(input)),
            new BufferedWriter(protocol),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Served(
        exit,
        protocol.toString().lines().toList(),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void settingsThenATask_getsReadyThenTheReply() throws Exception {
    UnitSettings settings = UnitSettings.forOrigin(URI.create("http://127.0.0.1:9"), images);
    String input =
        WorkerProtocol.write(WorkerProtocol.Settings.of(settings))
            + "\n"
            + "{\"index\":4,\"unit\":\"fib\",\"input\":{\"n\":10}}\n";

    Served served = serve(input);

    assertThat(served.exit()).as(String.join("\n", served.err())).isZero();
    assertThat(served.protocol()).hasSize(2);
    assertThat(WorkerProtocol.parseReady(served.protocol().get(0)))
        .isEqualTo(ProcessHandle.current().pid());
    WorkerProtocol.Reply reply = WorkerProtocol.readReply(served.protocol().get(1));
    assertThat(reply.index()).isEqualTo(4);
    assertThat(reply.error()).isNull();
    assertThat(reply.output().get("value").asLong()).isEqualTo(34);
    assertThat(reply.workerMillis()).as("the worker's own time on the task").isNotNegative();
  }

  @Test
  void anOrchestratorGoneMidRun_endsTheWorkerQuietly() throws Exception {
    UnitSettings settings = UnitSettings.forOrigin(URI.create("http://127.0.0.1:9"), images);
    String input =
        WorkerProtocol.write(WorkerProtocol.Settings.of(settings))
            + "\n"
            + "{\"index\":4,\"unit\":\"fib\",\"input\":{\"n\":10}}\n";
    Writer brokenPipe =
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        WorkerMain.serve(
            new String[0],
            new BufferedReader(new StringReader(input)),
            new BufferedWriter(brokenPipe),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(WorkerMain.ORCHESTRATOR_GONE);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void noFirstLine_exitsWithOneLineSayingSo() throws Exception {
    Served served = serve("");

    assertThat(served.exit()).isEqualTo(WorkerMain.BAD_START);
    assertThat(served.protocol()).isEmpty();
    assertThat(served.err()).singleElement().asString().contains("settings line");
  }

  @Test
  void aFirstLineThatIsNotSettings_exitsWithOneLineQuotingIt() throws Exception {
    Served served = serve("{\"index\":0,\"unit\":\"fib\",\"input\":{\"n\":3}}\n");

    assertThat(served.exit()).isEqualTo(WorkerMain.BAD_START);
    assertThat(served.protocol()).isEmpty();
    assertThat(served.err())
        .singleElement()
        .asString()
        .startsWith("fanout worker: the first line must be the worker's settings")
        .contains("\"unit\":\"fib\"");
  }

  @Test
  void settingsOnTheCommandLine_areRefused() throws Exception {
    Served served = serve("", "http://127.0.0.1:9/pokedex/", "/tmp", "30000");

    assertThat(served.exit()).isEqualTo(WorkerMain.BAD_START);
    assertThat(served.err()).singleElement().asString().contains("takes no arguments");
  }
}
