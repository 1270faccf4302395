package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison killed with SIGKILL mid-run, then completed with --resume, as a user would: the
 * packaged CLI in child JVMs. Every task ends up in the report exactly once, and no task that had
 * an outcome runs again.
 */
class ResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static ProcessBuilder fanout(Path out, String... arguments) {
    List<String> command = PackagedCli.command(arguments);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
  }

  @Test
  void aComparisonKilledMidRun_completesWithResume_everyTaskOnce() throws Exception {
    Path journal = temp.resolve("runs/compare.jsonl");
    Path json = temp.resolve("report.json");
    Process first =
        fanout(
                temp.resolve("first.txt"),
                "compare",
                "-w",
                "nap",
                "-s",
                "sequential,threads",
                "--tasks",
                "12",
                "--journal",
                journal.toString(),
                "--json",
                json.toString(),
                "--no-html")
            .start();
    long carried = PackagedCli.killOnceJournalled(first, journal, 4);
    assertThat(carried).as("tasks journalled before the kill").isBetween(4L, 23L);
    assertThat(json).doesNotExist();

    Path out = temp.resolve("second.txt");
    Process second = fanout(out, "compare", "--resume", journal.toString()).start();
    assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String printed = Files.readString(out);
    assertThat(second.exitValue()).as(printed).isZero();
    assertThat(printed)
        .contains("resumed from " + journal + ": " + carried + " tasks carried over");

    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.get("settings").get("carriedOverTasks").asLong()).isEqualTo(carried);
    assertThat(report.get("runs")).hasSize(2);
    for (JsonNode run : report.get("runs")) {
      List<Integer> indices = new ArrayList<>();
      run.get("tasks").forEach(task -> indices.add(task.get("index").asInt()));
      assertThat(indices)
          .as(run.get("strategy").asText())
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
      assertThat(run.get("failed").asInt()).isZero();
    }
    Map<String, Integer> journalled = new HashMap<>();
    for (String line : Files.readAllLines(journal).subList(1, Files.readAllLines(journal).size())) {
      JsonNode node = JSON.readTree(line);
      if (node.get("type").asText().equals("task")) {
        journalled.merge(
            node.get("strategy").asText() + "/" + node.get("index").asInt(), 1, Integer::sum);
      }
    }
    assertThat(journalled).hasSize(24);
    assertThat(journalled.values()).as("no task ran twice").containsOnly(1);
  }

  @Test
  void aJournalOfAnotherCommand_orWithOtherOptions_isRefusedInOneLine() throws Exception {
    Path journal = temp.resolve("run.jsonl");
    Process run =
        fanout(
                temp.resolve("run.txt"),
                "run",
                "-w",
                "fib",
                "-s",
                "sequential",
                "--tasks",
                "2",
                "--journal",
                journal.toString(),
                "--no-html")
            .start();
    assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(run.exitValue()).isZero();

    Path out = temp.resolve("resume.txt");
    Process wrong = fanout(out, "compare", "--resume", journal.toString()).start();
    assertThat(wrong.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(wrong.exitValue()).isEqualTo(2);
    assertThat(Files.readString(out))
        .contains("is the journal of a 'run' run: complete it with scripts/fanout run --resume");

    Process again =
        fanout(
                temp.resolve("again.txt"),
                "run",
                "-w",
                "fib",
                "-s",
                "sequential",
                "--journal",
                journal.toString(),
                "--no-html")
            .start();
    assertThat(again.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(again.exitValue()).isEqualTo(2);
    assertThat(Files.readString(temp.resolve("again.txt")))
        .contains("already holds a run's journal");
  }
}
