package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fanout forecast on a small hand-made report: the table, the JSON, and bad input. */
class ForecastCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  /** A report of 4 tasks of 50 ms CPU each: sequential, threads on 2, lambda on 2 instances. */
  private Path report(boolean withSequential) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("machine").put("cores", 2).put("loadAverage", 6.5);
    ArrayNode runs = root.putArray("runs");
    if (withSequential) {
      ArrayNode tasks = run(runs, "sequential", 1, 200);
      for (int i = 0; i < 4; i++) {
        tasks
            .addObject()
            .put("index", i)
            .put("startMillis", 50 * i)
            .put("endMillis", 50 * i + 50)
            .put("cpuMillis", 50.0);
      }
    }
    ArrayNode threads = run(runs, "threads", 2, 110);
    for (int i = 0; i < 4; i++) {
      threads
          .addObject()
          .put("index", i)
          .put("startMillis", 0)
          .put("endMillis", 50)
          .put("cpuMillis", 50.0);
    }
    ArrayNode lambda = run(runs, "lambda", 2, 1200);
    for (int i = 0; i < 4; i++) {
      boolean cold = i < 2;
      ObjectNode task =
          lambda
              .addObject()
              .put("index", i)
              .put("startMillis", cold ? i : 1060)
              .put("endMillis", cold ? 1060 : 1180)
              .put("coldStart", cold)
              .put("durationMillis", cold ? 100 : 100)
              .put("memorySizeMB", 1024);
      if (cold) {
        task.put("initMillis", 900.0);
      } else {
        task.putNull("initMillis");
      }
    }
    Path file = temp.resolve("report.json");
    JSON.writeValue(file.toFile(), root);
    return file;
  }

  private static ArrayNode run(ArrayNode runs, String strategy, int workers, double wall) {
    ObjectNode run =
        runs.addObject()
            .put("workload", "fib")
            .put("kind", "CPU")
            .put("strategy", strategy)
            .put("workers", workers)
            .put("concurrency", workers)
            .put("wallMillis", wall);
    run.putArray("startupMillis");
    return run.putArray("tasks");
  }

  @Test
  void forecast_printsTheLadder_andWritesPredictionsBreakEvenAndValidation() throws Exception {
    Path json = temp.resolve("forecast.json");

    CliTest.Result result =
        fanout(
            "forecast",
            "--from",
            report(true).toString(),
            "--tasks",
            "1000,100000",
            "--memory",
            "512,2048",
            "--validate",
            "--json",
            json.toString(),
            "--no-html");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("100,000", "break-even", "validation", "load average of 6.5 on 2 cores");
    assertThat(result.out().lines()).allMatch(line -> line.length() < 120);
    JsonNode forecast = JSON.readTree(json.toFile());
    JsonNode first = forecast.get("predictions").get(0);
    assertThat(first.get("target").asText()).isEqualTo("this machine");
    assertThat(first.get("costUsd").isNull()).isTrue();
    JsonNode lambda = forecast.get("predictions").get(1);
    assertThat(lambda.get("target").asText()).isEqualTo("lambda");
    assertThat(lambda.get("memoryMB").asInt()).isEqualTo(512);
    assertThat(lambda.get("arch").asText()).isEqualTo("x86_64");
    assertThat(lambda.get("costUsd").asDouble()).isPositive();
    assertThat(forecast.get("predictions")).hasSize(6);
    assertThat(forecast.get("breakEven").get(0).get("workload").asText()).isEqualTo("fib");
    assertThat(forecast.get("breakEven").get(0).has("tasks")).isTrue();
    JsonNode validation = forecast.get("validation");
    assertThat(validation).hasSize(3);
    assertThat(validation.get(0).get("strategy").asText()).isEqualTo("sequential");
    assertThat(validation.get(2).get("strategy").asText()).isEqualTo("lambda");
    assertThat(validation.get(2).get("error").asDouble())
        .isEqualTo(
            validation.get(2).get("predictedMillis").asDouble()
                    / validation.get(2).get("measuredMillis").asDouble()
                - 1);
  }

  @Test
  void aReportWithoutTheSequentialRun_isBadUsage_inOneLineNamingTheRun() throws Exception {
    CliTest.Result result = fanout("forecast", "--from", report(false).toString(), "--no-html");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith("fanout: no sequential run of fib: run compare with --strategies sequential");
  }

  @Test
  void aMissingReport_orABadOption_isBadUsage() throws Exception {
    assertThat(fanout("forecast", "--from", temp.resolve("none.json").toString()).exit())
        .isEqualTo(2);
    Path report = report(true);
    assertThat(fanout("forecast", "--from", report.toString(), "--arch", "sparc").err())
        .contains("--arch");
    assertThat(fanout("forecast", "--from", report.toString(), "--memory", "64").err())
        .contains("--memory");
    assertThat(fanout("forecast").err()).contains("--from");
  }

  @Test
  void aReportThatIsNotJson_isBadUsage() throws Exception {
    Path notJson = Files.writeString(temp.resolve("r.json"), "fib took 3 s");

    CliTest.Result result = fanout("forecast", "--from", notJson.toString(), "--no-html");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("not a JSON report");
  }
}
