package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.report.html.Chromium;
import dev.fanout.report.html.RenderedReport;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end: the packaged CLI's {@code compare} with no options but --json and
 * --html, in a child JVM, gives exact results for all seven workloads under all six strategies, the
 * lambda fan-out to the local Lambda service included, and a report Chromium draws whole.
 */
class CompareDefaultsIT {
  private static final List<String> POKEMON =
      List.of(
          "Bulbasaur",
          "Ivysaur",
          "Venusaur",
          "Charmander",
          "Charmeleon",
          "Charizard",
          "Squirtle",
          "Wartortle",
          "Blastoise",
          "Caterpie",
          "Metapod",
          "Butterfree",
          "Weedle",
          "Kakuna",
          "Beedrill",
          "Pidgey",
          "Pidgeotto",
          "Pidgeot",
          "Rattata",
          "Raticate");

  @TempDir static Path temp;
  private static JsonNode runs;
  private static String stdout;
  private static Path html;

  @BeforeAll
  static void compare() throws IOException, InterruptedException {
    Path json = temp.resolve("out.json");
    html = temp.resolve("report.html");
    Path images = temp.resolve("images");
    Path out = temp.resolve("stdout.txt");
    Process process =
        new ProcessBuilder(
                PackagedCli.command(
                    "compare",
                    "--json",
                    json.toString(),
                    "--html",
                    html.toString(),
                    "--image-dir",
                    images.toString()))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("compare finished in time").isTrue();
    stdout = Files.readString(out);
    assertThat(process.exitValue()).as(stdout).isZero();
    runs = new ObjectMapper().readTree(json.toFile()).get("runs");
  }

  @Test
  void everyWorkloadRanUnderEveryStrategyWithoutFailure() {
    Set<String> pairs = new HashSet<>();
    for (JsonNode run : runs) {
      pairs.add(run.get("workload").asText() + "/" + run.get("strategy").asText());
      assertThat(run.get("failed").asInt())
          .as(run.get("workload") + "/" + run.get("strategy"))
          .isZero();
    }
    assertThat(pairs).hasSize(42);
    assertThat(stdout).contains("download: 160 tasks").contains("powerloop: 20 tasks");
  }

  @Test
  void htmlReport_drawsOneTimingDiagramPerStrategyPerWorkload_inChromium() throws IOException {
    assertThat(stdout).contains("HTML report: " + html);
    System.out.printf(
        "CompareDefaultsIT: the default comparison's HTML report is %,d bytes%n", Files.size(html));
    Optional<Path> binary = Chromium.find();
    assumeTrue(binary.isPresent(), Chromium.MISSING);
    try (Chromium chromium = Chromium.start(binary.get(), temp.resolve("chromium"), 1280, 1600)) {
      chromium.load(html);

      RenderedReport rendered = RenderedReport.read(chromium);
      assertThat(rendered.runs()).hasSize(42);
      rendered.assertMatches(runs);
      assertThat(chromium.errors()).isEmpty();
      chromium.screenshot(Path.of("target", "browser", "compare-defaults.png"), null);
    }
  }

  @Test
  void lambdaRuns_carryColdStartsAndCost() {
    for (String workload : List.of("fib", "sumsq", "download")) {
      JsonNode lambda =
          runsOf(workload).stream()
              .filter(run -> run.get("strategy").asText().equals("lambda"))
              .findFirst()
              .orElseThrow();
      assertThat(lambda.get("costUsd").asDouble()).isPositive();
      assertThat(lambda.get("lambdaTarget").asText()).contains("local emulation");
      assertThat(lambda.get("tasks").findValuesAsText("coldStart")).contains("true");
      for (JsonNode task : lambda.get("tasks")) {
        assertThat(task.get("requestId").asText()).isNotBlank();
        assertThat(task.get("billedMillis").asDouble()).isPositive();
        if (task.get("coldStart").asBoolean()) {
          assertThat(task.get("initMillis").asDouble()).isPositive();
        }
      }
    }
    assertThat(stdout).contains("local emulation");
  }

  @Test
  void sumsq_isExactForEveryStrategy() {
    for (JsonNode run : runsOf("sumsq")) {
      assertThat(run.get("tasks")).hasSize(20);
      for (JsonNode task : run.get("tasks")) {
        long n = task.get("input").get("n").asLong();
        BigInteger big = BigInteger.valueOf(n);
        BigInteger expected =
            big.subtract(BigInteger.ONE)
                .multiply(big)
                .multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
                .divide(BigInteger.valueOf(6));
        assertThat(task.get("output").get("sum").asText()).isEqualTo(expected.toString());
      }
      assertThat(run.get("tasks").get(0).get("output").get("sum").asText())
          .isEqualTo("41666654166667500000");
    }
  }

  @Test
  void fib_isExactForEveryStrategy() {
    for (JsonNode run : runsOf("fib")) {
      assertThat(run.get("tasks")).hasSize(35);
      for (JsonNode task : run.get("tasks")) {
        int n = task.get("input").get("n").asInt();
        assertThat(task.get("output").get("value").asLong()).isEqualTo(iterativeFib(n));
      }
    }
  }

  @Test
  void powerloop_endsNearStartPlusTwoMillionForEveryStrategy() {
    for (JsonNode run : runsOf("powerloop")) {
      for (JsonNode task : run.get("tasks")) {
        double expected = task.get("input").get("start").asDouble() + 2_000_000;
        assertThat(task.get("output").get("result").asDouble())
            .isCloseTo(expected, within(expected * 1e-6));
      }
    }
  }

  @Test
  void scrape_findsTheFirstTwentyPokemonForEveryStrategy() {
    for (JsonNode run : runsOf("scrape")) {
      assertThat(run.get("tasks").findValuesAsText("name")).isEqualTo(POKEMON);
    }
  }

  @Test
  void ioOutputs_areIdenticalAcrossStrategies() {
    for (String workload : List.of("download", "image", "nap")) {
      List<String> first = null;
      for (JsonNode run : runsOf(workload)) {
        List<String> outputs = new ArrayList<>();
        run.get("tasks").forEach(task -> outputs.add(task.get("output").toString()));
        if (first == null) {
          first = outputs;
        }
        assertThat(outputs).as(workload + "/" + run.get("strategy")).isEqualTo(first);
      }
    }
  }

  @Test
  void image_storesTwentyDistinctFiles() throws IOException {
    JsonNode tasks = runsOf("image").get(0).get("tasks");
    Set<String> hashes = new HashSet<>(tasks.findValuesAsText("sha256"));
    assertThat(hashes).hasSize(20);
    for (JsonNode task : tasks) {
      Path stored = Path.of(task.get("output").get("storedAt").asText());
      assertThat(Files.size(stored)).isEqualTo(task.get("output").get("bytes").asLong());
    }
  }

  @Test
  void download_readsEveryPageWhole() {
    for (JsonNode run : runsOf("download")) {
      assertThat(run.get("tasks")).hasSize(160);
      assertThat(run.get("tasks").findValuesAsText("status")).containsOnly("200");
    }
  }

  private static List<JsonNode> runsOf(String workload) {
    List<JsonNode> found = new ArrayList<>();
    runs.forEach(
        run -> {
          if (run.get("workload").asText().equals(workload)) {
            found.add(run);
          }
        });
    assertThat(found).as(workload).hasSize(6);
    return found;
  }

  private static long iterativeFib(int n) {
    long previous = 0;
    long current = 1;
    if (n == 1) {
      return 0;
    }
    for (int i = 2; i < n; i++) {
      long next = previous + current;
      previous = current;
      current = next;
    }
    return current;
  }
}
