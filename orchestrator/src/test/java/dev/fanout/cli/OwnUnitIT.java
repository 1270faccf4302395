package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.localcloud.origin.OriginOptions;
import dev.fanout.localcloud.origin.OriginServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit of your own end to end, as the README tells a user to run it: the example in
 * examples/pagestats, built as its own module, given to the packaged CLI with --units, runs under
 * all six strategies (its worker JVMs and its Lambda function, with the jar as its layer, included)
 * and gives the same answers everywhere.
 */
class OwnUnitIT {
  private static final Path EXAMPLE_JAR =
      Path.of(
              "..",
              "examples",
              "pagestats",
              "target",
              "layer",
              "java",
              "lib",
              "pagestats-1.0.0.jar")
          .toAbsolutePath()
          .normalize();

  @TempDir static Path temp;
  private static JsonNode runs;
  private static String stdout;

  @BeforeAll
  static void compare() throws IOException, InterruptedException {
    assertThat(EXAMPLE_JAR)
        .as("the example unit is built before the orchestrator (./mvnw install builds both)")
        .isRegularFile();
    Path json = temp.resolve("out.json");
    Result result =
        fanout(
            Map.of(),
            "compare",
            "--units",
            EXAMPLE_JAR.toString(),
            "-w",
            "pagestats",
            "--json",
            json.toString(),
            "--no-html");
    stdout = result.stdout();
    assertThat(result.exit()).as(stdout).isZero();
    runs = new ObjectMapper().readTree(json.toFile()).get("runs");
  }

  record Result(int exit, String stdout) {}

  private static Result fanout(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = PackagedCli.command(arguments);
    Path out = Files.createTempFile(temp, "stdout-", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().remove("FANOUT_UNITS");
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("fanout finished in time").isTrue();
    return new Result(process.exitValue(), Files.readString(out));
  }

  @Test
  void theUnitRanUnderAllSixStrategies_withoutAFailure() {
    List<String> strategies = new ArrayList<>();
    for (JsonNode run : runs) {
      assertThat(run.get("workload").asText()).isEqualTo("pagestats");
      strategies.add(run.get("strategy").asText());
      assertThat(run.get("ok").asInt()).as(run.get("strategy").asText()).isEqualTo(20);
      assertThat(run.get("failed").asInt()).as(run.get("strategy").asText()).isZero();
    }
    assertThat(strategies)
        .containsExactly("sequential", "threads", "async", "virtual", "processes", "lambda");
    assertThat(stdout)
        .contains("pagestats: 20 tasks, I/O-bound; word counts and checksums of 20 pages");
  }

  @Test
  void everyStrategy_gaveTheSameAnswers() {
    Map<String, Map<Integer, JsonNode>> answers = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      Map<Integer, JsonNode> byIndex = new TreeMap<>();
      for (JsonNode task : run.get("tasks")) {
        byIndex.put(task.get("index").asInt(), task.get("output"));
      }
      answers.put(run.get("strategy").asText(), byIndex);
    }
    Map<Integer, JsonNode> sequential = answers.get("sequential");
    assertThat(sequential).hasSize(20);
    answers.forEach((strategy, byIndex) -> assertThat(byIndex).as(strategy).isEqualTo(sequential));
  }

  @Test
  void theChecksums_areThoseOfThePagesTheOriginServes() throws Exception {
    JsonNode sequential =
        runs.findParents("strategy").stream()
            .filter(run -> run.get("strategy").asText().equals("sequential"))
            .findFirst()
            .orElseThrow();
    try (OriginServer origin = OriginServer.start(OriginOptions.defaults());
        HttpClient client = HttpClient.newHttpClient()) {
      for (JsonNode task : sequential.get("tasks")) {
        URI url = URI.create(task.get("output").get("url").asText());
        byte[] page =
            client
                .send(
                    HttpRequest.newBuilder(origin.baseUri().resolve(url.getPath())).build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(task.get("output").get("bytes").asInt())
            .as(url.toString())
            .isEqualTo(page.length);
        assertThat(task.get("output").get("sha256").asText())
            .as(url.toString())
            .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(page)));
        assertThat(task.get("output").get("words").asInt()).isPositive();
      }
    }
  }

  @Test
  void fanoutUnits_inTheEnvironment_standsFor_units() throws Exception {
    Result result =
        fanout(
            Map.of("FANOUT_UNITS", EXAMPLE_JAR.toString()),
            "run",
            "-w",
            "pagestats",
            "-s",
            "sequential",
            "--tasks",
            "2",
            "--no-html");

    assertThat(result.exit()).as(result.stdout()).isZero();
    assertThat(result.stdout()).contains("pagestats: 2 tasks");
  }

  @Test
  void theExamplesOwnSamTemplate_servesItsFunction_withTheUnitFromItsLayer() throws Exception {
    Path example = Path.of("..", "examples", "pagestats").toAbsolutePath().normalize();
    Result result =
        fanout(
            Map.of(),
            "lambda",
            "invoke",
            "PagestatsFunction",
            "--template",
            example.resolve("template.yaml").toString(),
            "-e",
            example.resolve("events/pagestats.json").toString());

    assertThat(result.exit()).as(result.stdout()).isZero();
    JsonNode answer = new ObjectMapper().readTree(result.stdout());
    assertThat(answer.get("url").asText()).endsWith("/pages/jython");
    assertThat(answer.get("sha256").asText()).hasSize(64);
    assertThat(answer.get("topWords")).hasSize(5);
  }
}
