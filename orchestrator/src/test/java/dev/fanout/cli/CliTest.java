package dev.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line in-process: exit codes, messages, and the JSON it writes. */
class CliTest {
  @TempDir Path temp;

  record Result(int exit, String out, String err) {}

  static Result fanout(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = FanoutMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = FanoutMain.execute(commandLine, args);
    return new Result(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "compare --strategies threads,fast | --strategies | 'fast'",
        "compare --workload mining | --workload | 'mining'",
        "compare --tasks 0 | --tasks | 0",
        "compare --tasks many | --tasks | many",
        "compare --workers -3 | --workers | -3",
        "compare --latency-ms 100000 | --latency-ms | 100000",
        "compare --bogus | --bogus | --bogus",
        "compare --origin ftp://x | --origin | ftp://x",
        "run --workload fib | --strategy | --strategy",
        "run --workload fib --strategy lightning | --strategy | lightning",
        "origin --port 70000 | --port | 70000",
        "compare --function bogus=X | --function | bogus",
        "compare --aws --endpoint http://127.0.0.1:1 | --endpoint | --aws",
        "compare --endpoint file:///x | --endpoint | file:///x",
        "compare --max-instances 0 | --max-instances | 0",
        "compare --html x.html --no-html | --no-html | --html",
        "compare --html /proc/no/report.html | --html | /proc/no/report.html",
        "run --workload fib --strategy threads --html /tmp | --html | directory",
        "run --workload fib --strategy threads --json /tmp | --json | directory",
        "compare --json /proc/no/out.json | --json | /proc/no",
        "run --workload fib --strategy threads --journal /proc/no/j | --journal | /proc/no",
        "bank --json /proc/no/bank.json | --json | /proc/no",
        "lunch --json /etc/passwd/out.json | --json | /etc/passwd is a file",
        "advise --workload fib --sample 0 | --sample | 0",
        "advise --workload mining | --workload | mining",
        "compare --units /proc/no/words.jar | --units | no unit jar at /proc/no/words.jar",
        "run --workload pagestats --strategy threads | --workload | pagestats",
        "run --workload fib,sumsq --strategy threads | --workload | one workload",
        "compare --workload fib,mining | --workload | 'mining'",
        "run --workload nap --strategy processes --task-timeout soon | --task-timeout must | soon",
        "compare --task-timeout 0s | --task-timeout must | 0s",
        "compare --task-timeout 25h | --task-timeout must | 25h",
        "run --workload nap --strategy threads --task-timeout 5s | --task-timeout | threads",
        "advise --workload nap --task-timeout 5 | --task-timeout must | 5",
      })
  void badUsage_exitsTwoNamingTheOptionAndValue(String args, String option, String value) {
    Result result = fanout(args.trim().split(" "));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains(option).contains(value.replace("'", ""));
  }

  @Test
  void compare_takesAListOfWorkloads_likeStrategies() throws Exception {
    Path json = temp.resolve("two.json");
    Result result =
        fanout(
            "compare",
            "-w",
            "fib,sumsq",
            "-s",
            "sequential",
            "--tasks",
            "2",
            "--no-html",
            "--json",
            json.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
    assertThat(runs.findValuesAsText("workload")).containsExactly("fib", "sumsq");
  }

  @Test
  void resume_completesARunFromItsJournal_withItsOwnCommandLine() {
    Path journal = temp.resolve("run.jsonl");
    Result first =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "sequential",
            "--tasks",
            "3",
            "--no-html",
            "--journal",
            journal.toString());
    assertThat(first.exit()).as(first.err()).isZero();

    for (String[] resume :
        List.of(
            new String[] {"run", "--resume", journal.toString()},
            new String[] {"run", "--resume=" + journal})) {
      Result resumed = fanout(resume);

      assertThat(resumed.exit()).as(resumed.err()).isZero();
      assertThat(resumed.out()).contains("resumed from " + journal + ": 3 tasks carried over");
    }
  }

  @Test
  void lambdaOptions_withoutTheLambdaStrategy_warnInOneLineEach_andTheRunGoesOn() {
    Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "threads",
            "--tasks",
            "3",
            "--no-html",
            "--endpoint",
            "http://127.0.0.1:9",
            "--function",
            "fib=Other");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("fanout: warning: --endpoint does nothing here: no lambda strategy runs\n")
        .contains("fanout: warning: --function does nothing here: no lambda strategy runs\n");
  }

  @Test
  void aTaskTimeout_withoutTheProcessesStrategy_warnsInOneLine_andTheRunGoesOn() {
    Result result =
        fanout(
            "compare",
            "-w",
            "fib",
            "-s",
            "sequential,threads",
            "--tasks",
            "2",
            "--no-html",
            "--task-timeout",
            "5s");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err())
        .contains(
            "fanout: warning: --task-timeout does nothing here: no processes strategy runs\n");
  }

  @Test
  void anEndpointWhereNothingListens_isRefusedBeforeTheRun() throws Exception {
    int closed;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "lambda",
            "--tasks",
            "2",
            "--no-html",
            "--endpoint",
            "http://127.0.0.1:" + closed);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains("--endpoint http://127.0.0.1:" + closed + ": nothing answers there")
        .doesNotContain("running fib");
    assertThat(result.err().lines().filter(line -> line.startsWith("fanout:")).count())
        .isEqualTo(1);
  }

  @Test
  void noCommand_isBadUsageListingEveryCommand() {
    Result result = fanout();

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .contains("name a command: compare, run, advise, origin, lambda, bank")
        .doesNotContain("help,");
  }

  @Test
  void compare_writesTheDocumentedJsonAndTheHtmlReport() throws Exception {
    Path json = temp.resolve("out.json");
    Path html = temp.resolve("report.html");

    Result result =
        fanout(
            "compare",
            "--workload",
            "fib",
            "--workload",
            "scrape",
            "--tasks",
            "8",
            "--strategies",
            "sequential,threads,async,virtual",
            "--latency-ms",
            "5",
            "--json",
            json.toString(),
            "--html",
            html.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("fib: 8 tasks").contains("scrape: 8 tasks");
    assertThat(result.out())
        .containsPattern(
            "HTML report: "
                + Pattern.quote(html.toAbsolutePath().toString())
                + " \\([0-9]+ KB,"
                + " written in [0-9.]+ m?s\\)")
        .contains("JSON report: " + json.toAbsolutePath() + " (");
    Document page = Jsoup.parse(html.toFile());
    assertThat(page.select("section.workload")).hasSize(2);
    assertThat(page.select("section.run svg.timing")).hasSize(8);
    assertThat(page.select("section.run[data-strategy=threads] svg.timing g.task")).hasSize(16);
    JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
    assertThat(runs).hasSize(8);
    for (JsonNode run : runs) {
      assertThat(run.fieldNames())
          .toIterable()
          .contains(
              "workload",
              "strategy",
              "workers",
              "wallMillis",
              "ok",
              "failed",
              "speedup",
              "efficiency",
              "tasks");
      assertThat(run.get("ok").asInt()).isEqualTo(8);
      assertThat(run.get("failed").asInt()).isZero();
      for (JsonNode task : run.get("tasks")) {
        assertThat(task.fieldNames())
            .toIterable()
            .contains("input", "output", "error", "lane", "startMillis", "endMillis", "cpuMillis");
      }
    }
    JsonNode fibThreads = find(runs, "fib", "threads");
    assertThat(fibThreads.get("tasks").get(7).get("output").get("value").asLong()).isEqualTo(13);
    assertThat(fibThreads.get("speedup").isNumber()).isTrue();
    JsonNode scrapeAsync = find(runs, "scrape", "async");
    assertThat(scrapeAsync.get("tasks").get(0).get("output").get("name").asText())
        .isEqualTo("Bulbasaur");
    assertThat(scrapeAsync.get("tasks").findValuesAsText("lane")).containsOnly("event-loop");
  }

  @Test
  void journal_getsAHeader_aLinePerTask_andALinePerRun() throws Exception {
    Path journal = temp.resolve("journal.jsonl");

    Result result =
        fanout(
            "compare",
            "--workload",
            "sumsq",
            "--tasks",
            "3",
            "--strategies",
            "sequential,virtual",
            "--repeat",
            "2",
            "--journal",
            journal.toString(),
            "--no-html");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).doesNotContain("HTML report");
    List<String> lines = java.nio.file.Files.readAllLines(journal);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode header = mapper.readTree(lines.getFirst());
    assertThat(header.get("journal").asInt()).isEqualTo(1);
    assertThat(header.get("command").asText()).isEqualTo("compare");
    assertThat(header.get("args").get(2).asText()).isEqualTo("sumsq");
    List<String> tasks = lines.stream().filter(line -> line.contains("\"type\":\"task\"")).toList();
    List<String> runs = lines.stream().filter(line -> line.contains("\"type\":\"run\"")).toList();
    assertThat(tasks).hasSize(3 * 2 * 2);
    assertThat(runs).as("a line per strategy per repeat").hasSize(2 * 2);
    assertThat(lines).hasSize(1 + tasks.size() + runs.size());
    for (String line : tasks) {
      JsonNode task = mapper.readTree(line);
      assertThat(task.get("workload").asText()).isEqualTo("sumsq");
      assertThat(task.get("output").get("sum").asText()).isNotEmpty();
    }
    assertThat(tasks).filteredOn(line -> line.contains("\"strategy\":\"virtual\"")).hasSize(6);
  }

  @Test
  void lambda_withAFunctionThatDoesNotExist_failsEveryTaskNamingIt() {
    Result result =
        fanout(
            "run",
            "--workload",
            "fib",
            "--strategy",
            "lambda",
            "--tasks",
            "2",
            "--function",
            "fib=NoSuchFunction",
            "--no-html");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).contains("0/2").contains("NoSuchFunction");
  }

  @Test
  void run_withAFailingTask_exitsOneAndStillWritesItsReport() throws Exception {
    // An origin that is not there: every download fails, the run still completes.
    Path html = temp.resolve("run.html");
    Result result =
        fanout(
            "run",
            "--workload",
            "download",
            "--strategy",
            "threads",
            "--tasks",
            "3",
            "--origin",
            "http://127.0.0.1:9",
            "--html",
            html.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("0/3").contains("FetchFailed");
    Document page = Jsoup.parse(html.toFile());
    assertThat(page.select("g.task.failed")).hasSize(3);
    assertThat(page.selectFirst("details.failures summary").text()).isEqualTo("3 failed tasks");
  }

  @Test
  void advise_cpuWork_recommendsThreadsAndChecksItAgainstTheAlternatives() throws Exception {
    Path html = temp.resolve("advise.html");
    Result result =
        fanout(
            "advise",
            "--workload",
            "fib",
            "--tasks",
            "12",
            "--sample",
            "4",
            "--strategies",
            "sequential,async,virtual",
            "--html",
            html.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("advice for fib (12 tasks):")
        .contains("sample: 4 of 12 tasks")
        .contains("CPU-bound")
        .contains("recommended: threads.")
        .contains("verdict (time to result")
        .containsPattern("the recommendation (won|held|lost)");
    // The recommendation runs even though --strategies left it out.
    assertThat(result.out()).containsPattern("\\n  threads ");
    Document page = Jsoup.parse(html.toFile());
    assertThat(page.select("section.run")).hasSize(4);
    assertThat(page.selectFirst("pre.note").text())
        .contains("recommended: threads.")
        .contains("verdict");
  }

  @Test
  void advise_ioWork_recommendsVirtualThreads() {
    Result result =
        fanout(
            "advise",
            "--workload",
            "download",
            "--tasks",
            "16",
            "--latency-ms",
            "20",
            "--strategies",
            "sequential,threads,virtual",
            "--no-html");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("I/O-bound").contains("recommended: virtual.");
    assertThat(result.out()).containsPattern("verdict .*: the recommendation (won|held|lost)");
  }

  @Test
  void tasksFile_runsTheFilesInputsInOrder_withExactResults() throws Exception {
    Path tasks = temp.resolve("tasks.jsonl");
    java.nio.file.Files.writeString(tasks, "{\"n\": 30}\n{\"n\": 1}\n\n{\"n\": 35}\n");
    Path json = temp.resolve("out.json");

    Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "threads",
            "--tasks-file",
            tasks.toString(),
            "--json",
            json.toString(),
            "--no-html");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("fib: 3 tasks").contains("tasks from " + tasks);
    JsonNode run = new ObjectMapper().readTree(json.toFile()).get("runs").get(0);
    assertThat(run.get("tasks").findValuesAsText("value"))
        .containsExactly("514229", "0", "5702887");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "run -w fib -s threads | {\"n\": 3}\\n{\"n\": 300} | line 2: fib: field",
        "advise -w fib | {\"n\": 3}\\n{\"m\": 3} | line 2: fib: unknown field",
        "compare -w fib | {\"n\": 3}\\nn=4 | line 2: not JSON",
        "compare -w sumsq -w fib | {\"n\": 3} | --tasks-file holds the inputs of one workload",
      })
  void tasksFile_withABadLine_exitsTwoBeforeAnyRun_inOneLineNamingIt(
      String args, String lines, String problem) throws Exception {
    Path tasks = temp.resolve("tasks.jsonl");
    java.nio.file.Files.writeString(tasks, lines.replace("\\n", "\n"));
    List<String> command = new java.util.ArrayList<>(List.of(args.trim().split(" ")));
    command.addAll(List.of("--tasks-file", tasks.toString(), "--no-html"));

    Result result = fanout(command.toArray(String[]::new));

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err().lines().filter(line -> line.startsWith("fanout: ")))
        .singleElement()
        .asString()
        .contains(problem);
    assertThat(result.err()).doesNotContain("running ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void run_ofCpuWorkOnThreads_neverPrintsAnEfficiencyAbove100Percent() throws Exception {
    Path json = temp.resolve("threads.json");

    Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "threads",
            "--workers",
            "8",
            "--json",
            json.toString(),
            "--no-html");

    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode run = new ObjectMapper().readTree(json.toFile()).get("runs").get(0);
    assertThat(run.get("efficiency").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
    assertThat(run.get("limitMillis").asDouble())
        .isLessThanOrEqualTo(run.get("wallMillis").asDouble());
  }

  @Test
  void run_withNoMeasureOfTheTasksAlone_printsADashForEfficiency_andSaysWhy() throws Exception {
    Path json = temp.resolve("virtual.json");

    Result result =
        fanout(
            "run",
            "-w",
            "fib",
            "-s",
            "virtual",
            "--tasks",
            "6",
            "--json",
            json.toString(),
            "--no-html");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("\\n  virtual +6 vt +\\S+ ms +- +- +6/0");
    assertThat(result.out()).contains("efficiency -: no run of fib measured its tasks' CPU time");
    JsonNode run = new ObjectMapper().readTree(json.toFile()).get("runs").get(0);
    assertThat(run.get("efficiency").isNull()).isTrue();
  }

  @Test
  void adviceLines_wrapAtTheWidthWithHangingIndent() {
    String wrapped = dev.fanout.report.ConsoleTable.wrap("aaa bbb ccc ddd eee", "  ", 10);

    assertThat(wrapped).isEqualTo("  aaa bbb\n    ccc\n    ddd\n    eee");
    assertThat(dev.fanout.report.ConsoleTable.wrap("short", "", 100)).isEqualTo("short");
  }

  @Test
  void defaultHtml_isUnderTheProjectsIgnoredDirectoryAndNeverOverwrites() throws Exception {
    LocalDateTime at = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    Path first = Reports.defaultHtml(temp, "compare", at);
    assertThat(first).isEqualTo(temp.resolve(".fanout/reports/compare-20260102-030405.html"));
    java.nio.file.Files.createDirectories(first.getParent());
    java.nio.file.Files.writeString(first, "earlier");
    assertThat(Reports.defaultHtml(temp, "compare", at))
        .isEqualTo(temp.resolve(".fanout/reports/compare-20260102-030405-2.html"));
  }

  @Test
  void aReportsSize_isSaidAsPeopleReadIt() {
    assertThat(Reports.size(812)).isEqualTo("812 bytes");
    assertThat(Reports.size(220_400)).isEqualTo("220 KB");
    assertThat(Reports.size(27_996_231)).isEqualTo("28.0 MB");
  }

  private static JsonNode find(JsonNode runs, String workload, String strategy) {
    for (JsonNode run : runs) {
      if (run.get("workload").asText().equals(workload)
          && run.get("strategy").asText().equals(strategy)) {
        return run;
      }
    }
    throw new AssertionError("no run " + workload + "/" + strategy + " in " + List.of(runs));
  }
}
