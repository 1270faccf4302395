package dev.fanout.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.api.UnitKind;
import dev.fanout.check.BankVerdict;
import dev.fanout.forecast.Arch;
import dev.fanout.forecast.Forecast;
import dev.fanout.forecast.LambdaFigures;
import dev.fanout.forecast.Profile;
import dev.fanout.forecast.TaskWork;
import dev.fanout.measure.LambdaFacts;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.RunSummary;
import dev.fanout.measure.TaskError;
import dev.fanout.measure.TaskRecord;
import dev.fanout.pipeline.Menu;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.strategy.kind.StrategyKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the console tables print for realistic runs, with the longest notes they carry (worker JVM
 * start-up, the Lambda emulation, failures, long task list names): every line stays under 120
 * columns, and every fact is still there.
 */
class ConsoleWidthTest {
  private static final int COLUMNS = 120;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String EMULATION =
      "local emulation: function.zip in up to 4 instances per function on this machine's 2 cores";

  @Test
  void comparison_withStartUpEmulationAndFailures_printsNarrowRowsAndNotesUnder() {
    RunResult sequential = pool(StrategyKind.SEQUENTIAL, 1, 54, List.of(), null);
    RunResult threads = withFailure(pool(StrategyKind.THREADS, 5, 54, List.of(), null));
    RunResult processes = pool(StrategyKind.PROCESSES, 2, 54, List.of(412.3, 413.1), null);
    RunResult lambda =
        pool(
            StrategyKind.LAMBDA, 4, 32, List.of(), new RunResult.LambdaRun(EMULATION, 0, 0.000228));
    WorkloadReport report =
        new WorkloadReport(
            "download",
            UnitKind.IO,
            160,
            "tasks from /home/someone/work/fanout-experiments/2026-12/task-lists/"
                + "download-the-two-pages-eighty-times-each-from-the-local-origin.jsonl",
            RunSummary.of(
                UnitKind.IO,
                List.of(List.of(sequential), List.of(threads), List.of(processes), List.of(lambda)),
                2,
                false),
            List.of(
                "async could not run: the event loop's HTTP client could not connect to"
                    + " http://127.0.0.1:41234/pages/1 (connection refused): is the origin up?"));

    String out =
        printed(
            writer -> {
              ConsoleTable.print(writer, report, "local origin, latency 50 ms + jitter 0..20 ms");
              ConsoleTable.printLegend(writer, List.of(report), 2, 3);
            });

    assertNarrow(out);
    assertThat(oneLine(out))
        .contains("JVM start-up (not in wall): 2 x mean 413 ms, max 413 ms")
        .contains(EMULATION + "; 4 cold starts, 0 throttles, est. $0.000228")
        .contains("first failure: task 3: FetchFailed: " + longMessage())
        .contains("async could not run")
        .contains("wall: the median of 3 runs")
        .contains("efficiency = physical limit / wall time")
        .as("a few tasks' overhead is their straggling, not a price")
        .doesNotContain("overhead a task");
    // A path longer than a line is cut, not lost.
    assertThat(out.replaceAll("\\n\\s*", ""))
        .contains("download-the-two-pages-eighty-times-each-from-the-local-origin.jsonl");
    assertThat(out).containsPattern("\\n  processes +2 .* 160/0  \\[2\\]\\n");
    assertThat(out).containsPattern("\\n  \\[2\\] JVM start-up");
  }

  @Test
  void aThousandTasks_sayWhatEachCostPastItsOwnWork() {
    List<TaskRecord> tasks = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      tasks.add(
          new TaskRecord(
              i,
              JSON.objectNode().put("millis", 0),
              null,
              null,
              "main",
              i * 0.05,
              i * 0.05 + 0.01,
              0.01));
    }
    RunResult sequential =
        new RunResult("nap", StrategyKind.SEQUENTIAL, 1, 1, 50, List.of(), tasks);
    WorkloadReport report =
        new WorkloadReport(
            "nap",
            UnitKind.WAIT,
            1_000,
            "naps of 0 ms",
            RunSummary.of(UnitKind.WAIT, List.of(List.of(sequential)), 2),
            List.of());

    String out = printed(writer -> ConsoleTable.print(writer, report, ""));

    assertNarrow(out);
    // 1,000 tasks of 0.01 ms each take 10 ms alone; the run took 50 ms.
    assertThat(out)
        .contains("  overhead a task, (wall - physical limit) / tasks: sequential 40.0 us\n");
  }

  @Test
  void lunch_withEveryMenuAndTheComparison_printsEveryLineUnder120Columns() {
    List<MenuFigures> burgers =
        List.of(
            menu(Menu.BURGERS, StrategyKind.THREADS, Map.of(), "open orders", 5),
            menu(
                Menu.BURGERS,
                StrategyKind.PROCESSES,
                Map.of("workerJvms", 6L, "workerStartupMillis", 810L, "cpuMillis", 2400L),
                "cooked patties",
                2));
    List<MenuFigures> salads =
        List.of(
            menu(
                Menu.SALADS,
                StrategyKind.VIRTUAL,
                Map.of("maxBowlsInUse", 6L, "bowls", 6L, "cpuMillis", 2460L),
                "dirty bowls",
                5),
            menu(
                Menu.SALADS,
                StrategyKind.ASYNC,
                Map.of("maxBowlsInUse", 6L, "bowls", 6L, "cpuMillis", 1300L),
                "clean bowls",
                6));
    List<MenuFigures> coffees =
        List.of(
            menu(
                Menu.COFFEES,
                StrategyKind.LAMBDA,
                Map.of(
                    "complexOrder", 2L,
                    "coldStarts", 6L,
                    "reclaimed", 3L,
                    "timeouts", 1L,
                    "maxInstances", 4L),
                "orders",
                0),
            menu(Menu.COFFEES, StrategyKind.SEQUENTIAL, Map.of("complexOrder", 2L), "orders", 0));

    String out =
        printed(
            writer -> {
              LunchTable.print(
                  writer,
                  "burgers: 24 orders; the article's Concurrent Burgers: a grill of 4 patties"
                      + " cooking 200 ms each (I/O), at most 5 open orders",
                  burgers);
              LunchTable.print(
                  writer,
                  "salads: 60 orders; the article's Parallel Salads: 2 salad makers and a washer"
                      + " sharing 6 bowls (CPU, 2 cores)",
                  salads);
              LunchTable.print(
                  writer,
                  "coffees: 7 orders; the article's Cloud Coffees: one customer, a crowd of 4"
                      + " (one order complex), a pause of 1.50 s, 2 more; each coffee one"
                      + " invocation under lambda",
                  coffees);
              LunchTable.printLegend(writer);
              LunchTable.printComparison(writer, List.of(burgers, salads, coffees));
            });

    assertNarrow(out);
    assertThat(oneLine(out))
        .contains(
            "deepest queues cooked patties 2; worker JVM start-up (not in wall): 6, max 810 ms")
        .contains("deepest queues dirty bowls 5; bowls in use 6 of 6")
        .contains("6 cold starts, 3 reclaimed, 1 timeout (order 2: Sandbox.Timedout: Task timed")
        .contains("lambda: 1 failed, e.g. order 2: Sandbox.Timedout")
        .contains("cooperative multitasking")
        .contains("parallel (1.23 cores busy)");
  }

  @Test
  void bank_withManyAccountsAndBrokenInvariants_printsEveryLineUnder120Columns() {
    SequencedMap<String, Long> initial = new LinkedHashMap<>();
    SequencedMap<String, Long> finals = new LinkedHashMap<>();
    for (int i = 1; i <= 24; i++) {
      initial.put("bank_" + i, 1000L);
      finals.put("bank_" + i, 1000L + (i % 3 == 0 ? -1250 : 37L * i));
    }
    BankVerdict verdict =
        new BankVerdict(
            initial,
            finals,
            24_000,
            24_617,
            617,
            List.of("bank_3", "bank_6", "bank_9", "bank_12", "bank_15", "bank_18", "bank_21"),
            List.of("t1-000017", "t1-000042"),
            180,
            20,
            0,
            3,
            3,
            new LinkedHashMap<>(Map.of("bank_3", -1250L, "bank_6", -1250L)),
            List.of(),
            1,
            2,
            List.of("t1-000099 answered refused but recorded applied"));
    RunResult run =
        new RunResult(
            "bank",
            StrategyKind.LAMBDA,
            4,
            4,
            2_400,
            List.of(),
            List.of(failed(0)),
            new RunResult.LambdaRun(EMULATION, 12, 0.000114));

    String out =
        printed(
            writer ->
                new BankReport(
                        "unsafe",
                        "dynamodb",
                        "fanout's local DynamoDB http://127.0.0.1:41234, table"
                            + " fanout-bank-20261203-171652-transfers-of-the-first-run",
                        run,
                        verdict,
                        null)
                    .print(writer));

    assertNarrow(out);
    assertThat(oneLine(out))
        .contains("bank_23 1851")
        .contains(EMULATION)
        .contains("180 applied, 20 refused (insufficient funds), 0 already applied, 3 failed,")
        .contains("of the 3 failed: 1 applied by the ledger's records");
  }

  @Test
  void forecast_withValidation_printsEveryLineUnder120Columns() {
    Profile profile =
        new Profile(
            "download",
            "IO",
            List.of(new TaskWork(0.4, 52), new TaskWork(0.5, 51)),
            List.of(
                new Profile.MeasuredRun("sequential", 1, 160, 8_640, 0),
                new Profile.MeasuredRun("threads", 5, 160, 1_760, 0),
                new Profile.MeasuredRun("async", 160, 160, 133, 0),
                new Profile.MeasuredRun("lambda", 4, 160, 5_180, 0)),
            new Profile.LambdaMeasure(4, 101_250, 21, 99, 1024, List.of(3.0, 3.2), true),
            2,
            6.4);
    Forecast.Request request =
        new Forecast.Request(
            Forecast.LADDER,
            List.of(1024, 1769),
            Arch.X86_64,
            null,
            null,
            LambdaFigures.AWS.withAccountConcurrency(10_000));
    Forecast.Result result = Forecast.of(List.of(profile), request, true);

    String out =
        printed(
            writer ->
                ForecastTable.print(writer, List.of(profile), result, request, "measured locally"));

    assertNarrow(out);
    assertThat(oneLine(out))
        .contains(
            "10,000 concurrent, 1,000 new environments at once then 100/s; cold start 1.7 min")
        .contains("(measured locally)");
  }

  @Test
  void wrap_cutsAWordLongerThanALine_soNoLinePassesTheWidth() {
    String wrapped = ConsoleTable.wrap("see /a/very/long/path/name here", "  ", "    ", 12);

    assertThat(wrapped).isEqualTo("  see\n    /a/very/\n    long/pat\n    h/name\n    here");
    assertThat(ConsoleTable.wrap("a 1  b 2", "", "", 5)).isEqualTo("a 1\nb 2");
    assertThat(ConsoleTable.wrap("start-up max 2.93 s", "", "  ", 17))
        .isEqualTo("start-up max\n  2.93 s");
  }

  private static void assertNarrow(String out) {
    assertThat(out.lines())
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThan(COLUMNS));
  }

  private static String printed(Consumer<PrintWriter> print) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text);
    print.accept(writer);
    writer.flush();
    return text.toString();
  }

  /** The text with its line breaks and indents as single spaces, to find a fact across a wrap. */
  private static String oneLine(String out) {
    return out.replaceAll("\\s*\\n\\s*", " ");
  }

  private static String longMessage() {
    return "cannot fetch http://127.0.0.1:41234/pages/2?latency=50&jitter=20: the origin closed"
        + " the connection before it answered (is it still running?)";
  }

  /** 160 tasks on {@code lanes} lanes, {@code millis} each; Lambda's first per lane cold. */
  private static RunResult pool(
      StrategyKind kind,
      int lanes,
      double millis,
      List<Double> startups,
      RunResult.LambdaRun lambda) {
    List<TaskRecord> tasks = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      double start = (i / lanes) * millis;
      LambdaFacts facts =
          lambda == null
              ? null
              : new LambdaFacts(
                  "req-" + i, i < lanes, i < lanes ? 1600.0 : null, 30.0, 31.0, 1024, 120, 1);
      tasks.add(
          new TaskRecord(
              i,
              JSON.objectNode().put("url", "/pages/" + (i % 2)),
              JSON.objectNode().put("bytes", 5120),
              null,
              kind.label() + "-" + (i % lanes),
              start,
              start + millis,
              lambda == null ? 0.4 : null,
              facts));
    }
    double wall = Math.ceil(160.0 / lanes) * millis;
    return new RunResult("download", kind, lanes, lanes, wall, startups, tasks, lambda);
  }

  private static RunResult withFailure(RunResult run) {
    List<TaskRecord> tasks = new ArrayList<>(run.tasks());
    TaskRecord third = tasks.get(3);
    tasks.set(
        3,
        new TaskRecord(
            3,
            third.input(),
            null,
            new TaskError("FetchFailed", longMessage()),
            third.lane(),
            third.startMillis(),
            third.endMillis(),
            null));
    return new RunResult(
        run.workload(),
        run.strategy(),
        run.workers(),
        run.concurrency(),
        run.wallMillis(),
        run.startupMillis(),
        tasks);
  }

  private static TaskRecord failed(int index) {
    return new TaskRecord(
        index,
        JSON.objectNode().put("from", "bank_1"),
        null,
        new TaskError("InvokeFailed", longMessage()),
        "none",
        0,
        10,
        null);
  }

  /** A menu's run of 24 orders, one failed under lambda, with the deepest queue given. */
  private static MenuFigures menu(
      Menu menu, StrategyKind kind, Map<String, Long> facts, String queue, int depth) {
    List<OrderOutcome> outcomes = new ArrayList<>();
    for (int order = 1; order <= 24; order++) {
      String error =
          kind == StrategyKind.LAMBDA && order == 2
              ? "Sandbox.Timedout: Task timed out after 2.00 seconds"
              : null;
      outcomes.add(new OrderOutcome(order, order * 10_000_000L, order * 60_000_000L, error));
    }
    MenuRun run =
        new MenuRun(
            menu.label(),
            kind,
            24,
            0,
            2_000_000_000L,
            outcomes,
            List.of(),
            List.of(),
            List.of(),
            facts);
    return new MenuFigures(
        run,
        20.0,
        19.3,
        0.965,
        new MenuFigures.Latency(635, 1_240, 1_244),
        Map.of(queue, depth),
        kind == StrategyKind.PROCESSES ? 6 : 2,
        kind == StrategyKind.LAMBDA ? 4 : 2,
        Map.of());
  }
}
