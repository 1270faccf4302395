package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank run killed with SIGKILL mid-run, then completed with --resume, as a user would: the
 * packaged CLI in child JVMs. The resumed run moves the money the stopped one had not, never a
 * transfer twice, and its invariants hold, whether the balances lived in fanout's local DynamoDB
 * (kept beside the journal) or in the memory of the killed JVM (rebuilt from the journal).
 */
class BankResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRANSFERS = 400;

  @TempDir Path temp;

  @Test
  void aBankOnTheLocalDynamoDbKilledMidRun_completesWithResume() throws Exception {
    Path journal = temp.resolve("runs/bank.jsonl");
    JsonNode report = killThenResume(journal, "--ledger", "dynamodb");

    assertThat(temp.resolve("runs/bank.dynamodb.jsonl")).isNotEmptyFile();
    // A transfer committed before the kill but journalled after it is answered "already
    // applied" by the resumed run: applied once, by the stopped one.
    assertThat(report.get("applied").asLong() + report.get("duplicates").asLong()).isGreaterThan(0);
  }

  @Test
  void aBankInMemoryKilledMidRun_completesWithResume() throws Exception {
    JsonNode report = killThenResume(temp.resolve("runs/bank.jsonl"));

    assertThat(report.get("ledger").asText()).isEqualTo("memory");
    assertThat(report.get("duplicates").asLong()).isZero();
  }

  @Test
  void anUnsafeBank_isNotJournalled_andRefusesAJournalInOneLine() throws Exception {
    Path out = temp.resolve("unsafe.txt");
    Process unsafe =
        fanout(
                out,
                "bank",
                "--mode",
                "unsafe",
                "--journal",
                temp.resolve("unsafe.jsonl").toString())
            .start();
    assertThat(unsafe.waitFor(1, TimeUnit.MINUTES)).isTrue();

    assertThat(unsafe.exitValue()).isEqualTo(2);
    assertThat(Files.readAllLines(out))
        .anySatisfy(line -> assertThat(line).contains("--journal: an unsafe run"));
    assertThat(temp.resolve("unsafe.jsonl")).doesNotExist();
  }

  /** Starts a safe bank, kills it once a tenth of it is journalled, resumes it; its JSON. */
  private JsonNode killThenResume(Path journal, String... options) throws Exception {
    Path json = temp.resolve("bank.json");
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of(
                "bank",
                "-s",
                "threads",
                "--transfers",
                "" + TRANSFERS,
                "--verify-ms",
                "40",
                "--concurrency",
                "4",
                "--journal",
                journal.toString(),
                "--json",
                json.toString()));
    arguments.addAll(List.of(options));
    Process first = fanout(temp.resolve("first.txt"), arguments.toArray(String[]::new)).start();
    long carried = PackagedCli.killOnceJournalled(first, journal, TRANSFERS / 10);
    assertThat(carried).as("transfers journalled before the kill").isBetween(40L, 399L);
    assertThat(json).doesNotExist();

    Path out = temp.resolve("second.txt");
    Process second = fanout(out, "bank", "--resume", journal.toString()).start();
    assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String printed = Files.readString(out);
    assertThat(second.exitValue()).as(printed).isZero();
    assertThat(printed).contains("from " + journal + ": " + carried + " transfers carried over");

    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.get("invariantsHold").asBoolean()).as(printed).isTrue();
    assertThat(report.get("carriedOverTasks").asLong()).isEqualTo(carried);
    assertThat(report.get("transfers").asInt()).isEqualTo(TRANSFERS);
    assertThat(
            report.get("applied").asLong()
                + report.get("refused").asLong()
                + report.get("duplicates").asLong())
        .isEqualTo(TRANSFERS);
    assertThat(report.get("failed").asLong()).isZero();
    assertThat(report.get("appliedTwice").asLong()).isZero();
    assertThat(report.get("drift").asLong()).isZero();
    assertThat(report.get("disagreements")).isEmpty();

    Map<Integer, Integer> journalled = new HashMap<>();
    for (String line : Files.readAllLines(journal)) {
      JsonNode node = JSON.readTree(line);
      if (node.path("type").asText().equals("task")) {
        journalled.merge(node.get("index").asInt(), 1, Integer::sum);
      }
    }
    assertThat(journalled).hasSize(TRANSFERS);
    assertThat(journalled.values()).as("no transfer ran twice").containsOnly(1);
    return report;
  }

  private static ProcessBuilder fanout(Path out, String... arguments) {
    return new ProcessBuilder(PackagedCli.command(arguments))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile());
  }
}
