package dev.fanout.cli;

import static dev.fanout.cli.CliTest.fanout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --task-timeout end to end: the option, the processes strategy's worker JVMs, the report. */
class WorkerLivenessIT {
  @TempDir Path temp;

  @Test
  void run_aTaskThatOutlastsTheTaskTimeout_failsWorkerHung_namingIt_andTheRestRun()
      throws Exception {
    Path tasks = temp.resolve("naps.jsonl");
    Files.writeString(tasks, "{\"millis\": 20}\n{\"millis\": 5000}\n{\"millis\": 20}\n");
    Path json = temp.resolve("run.json");

    CliTest.Result result =
        fanout(
            "run",
            "--workload",
            "nap",
            "--strategy",
            "processes",
            "--workers",
            "1",
            "--tasks-file",
            tasks.toString(),
            "--task-timeout",
            "1s",
            "--no-html",
            "--json",
            json.toString());

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).contains("WorkerHung").contains("1 s (--task-timeout)");
    List<JsonNode> failed = new ArrayList<>();
    JsonNode run = new ObjectMapper().readTree(json.toFile()).path("runs").get(0);
    run.path("tasks")
        .forEach(
            task -> {
              if (!task.path("error").isNull()) {
                failed.add(task);
              }
            });
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("index").asInt()).isEqualTo(1);
    assertThat(failed.get(0).path("error").path("type").asText()).isEqualTo("WorkerHung");
    assertThat(failed.get(0).path("error").path("message").asText())
        .contains("1 s (--task-timeout)");
  }
}
