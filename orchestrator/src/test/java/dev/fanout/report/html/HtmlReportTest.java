package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.api.UnitKind;
import dev.fanout.measure.RunResult;
import dev.fanout.measure.TaskRecord;
import dev.fanout.report.WorkloadReport;
import dev.fanout.strategy.kind.StrategyKind;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The page as markup: diagrams per run, lanes and bars, escaping, and the views of big runs. */
class HtmlReportTest {

  private static Document render(WorkloadReport... reports) {
    return Jsoup.parse(HtmlReport.render(Runs.page(), List.of(reports)));
  }

  private static Element run(Document page, String workload, String strategy) {
    return page.selectFirst(
        "section.run[data-workload=" + workload + "][data-strategy=" + strategy + "]");
  }

  @Test
  void everyRun_getsATimingDiagramWithALanePerThreadAndABarPerTask() {
    Document page =
        render(
            Runs.report(
                "download",
                UnitKind.IO,
                List.of(
                    Runs.pool("sequential", 9, 1, 10, 0.1),
                    Runs.pool("threads", 9, 3, 10, 0.1),
                    Runs.loop(9, 10),
                    Runs.virtual(9, 10))));

    assertThat(page.select("section.run")).hasSize(4);
    assertThat(page.select("svg.timing")).hasSize(4);
    assertThat(page.select("svg.inflight")).hasSize(4);
    Element threads = run(page, "download", "threads");
    assertThat(threads.select("svg.timing g.lane")).hasSize(3);
    assertThat(threads.select("svg.timing g.task")).hasSize(9);
    assertThat(threads.select("g.lane").eachAttr("data-lane"))
        .containsExactly("thread-1", "thread-2", "thread-3");
    assertThat(threads.select("rect.c-cpu")).hasSize(9);
    assertThat(threads.select("rect.c-wait")).hasSize(9);
    assertThat(run(page, "download", "virtual").select("g.lane")).hasSize(9);
    assertThat(run(page, "download", "virtual").select("rect.c-unmeasured")).hasSize(9);
    assertThat(page.select("table.runs tbody tr")).hasSize(4);
    assertThat(page.select("svg.speedup g.speedup-row")).hasSize(4);
  }

  @Test
  void aLaneWithManyTasksInFlight_showsThemOnTracksOfItsOwn() {
    Element loop =
        run(
            render(Runs.report("download", UnitKind.IO, List.of(Runs.loop(7, 50)))),
            "download",
            "async");

    assertThat(loop.select("g.lane")).hasSize(1);
    assertThat(loop.selectFirst("g.lane").attr("data-tracks")).isEqualTo("7");
    assertThat(loop.select("g.task")).hasSize(7);
    assertThat(loop.selectFirst("svg.inflight").attr("data-max")).isEqualTo("7");
  }

  @Test
  void lanes_followTheirNumbersNotTheirSpelling() {
    List<TaskRecord> tasks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tasks.add(Runs.ok(i, "thread-" + (12 - i), 0, 5, 1.0));
    }
    RunResult run = new RunResult("fib", StrategyKind.THREADS, 12, 12, 5, List.of(), tasks);

    assertThat(Timeline.of(run).lanes().stream().map(Timeline.Lane::name).toList())
        .startsWith("thread-1", "thread-2", "thread-3")
        .endsWith("thread-10", "thread-11", "thread-12");
  }

  @Test
  void virtualThreadLanes_followTheirNumbers_notWhenTheyStarted() {
    List<TaskRecord> tasks =
        List.of(
            Runs.ok(0, "virtual-69", 0, 5, null),
            Runs.ok(1, "virtual-41", 1, 5, null),
            Runs.ok(2, "virtual-100", 2, 5, null),
            Runs.ok(3, "virtual-7", 3, 5, null));
    RunResult run = new RunResult("fib", StrategyKind.VIRTUAL, 4, 4, 5, List.of(), tasks);

    assertThat(Timeline.of(run).lanes().stream().map(Timeline.Lane::name).toList())
        .containsExactly("virtual-7", "virtual-41", "virtual-69", "virtual-100");
  }

  @Test
  void textFromTasks_isEscapedWherever_itGoes() {
    String nasty = "</title><script>alert(1)</script><img src=x onerror=alert(2)> & \u0001 \"'";
    RunResult run = Runs.withFailure("thread-1<u>", nasty);

    String html =
        HtmlReport.render(Runs.page(), List.of(Runs.report("download", UnitKind.IO, List.of(run))));
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("\u0001");
    assertThat(page.select("script, img, u")).isEmpty();
    Element failed = page.selectFirst("g.task.failed");
    assertThat(failed.selectFirst("title").text()).contains("<script>alert(1)</script>");
    assertThat(failed.select("path.mark-failed, rect.outline-failed")).hasSize(2);
    assertThat(page.selectFirst("details.failures td:last-child").text()).contains("<img src=x");
    assertThat(page.select("g.lane").eachAttr("data-lane")).contains("thread-1<u>");
  }

  @Test
  void lambda_showsColdStartsThrottlesBilledTimeAndTheEmulationLabel() {
    List<TaskRecord> tasks =
        List.of(
            Runs.lambda(0, "instance 1", 0, 600, true, 1),
            Runs.lambda(1, "instance 2", 0, 650, true, 3),
            Runs.lambda(2, "instance 1", 600, 660, false, 1));
    RunResult run =
        new RunResult(
            "fib",
            StrategyKind.LAMBDA,
            2,
            2,
            660,
            List.of(),
            tasks,
            new RunResult.LambdaRun(
                "local emulation: function.zip in up to 2 instances", 2, 0.0000123));

    Element section = run(render(Runs.report("fib", UnitKind.CPU, List.of(run))), "fib", "lambda");

    assertThat(section.selectFirst(".badge").text()).isEqualTo("local emulation, not AWS");
    assertThat(section.text())
        .contains("local emulation: function.zip in up to 2 instances")
        .contains("2 (init 400 ms mean, 400 ms max)")
        .contains("153 ms in all")
        .contains("1 tasks, 2 retries (429)")
        .contains("$0.000012");
    assertThat(section.select("g.task.cold")).hasSize(2);
    assertThat(section.select("path.mark-cold")).hasSize(2);
    assertThat(section.select("g.task.throttled rect.outline-throttled")).hasSize(1);
    assertThat(section.select("rect.c-init")).hasSize(2);
    assertThat(section.select("rect.c-handler")).hasSize(3);
  }

  @Test
  void lambda_onAwsSaysSo() {
    RunResult run =
        new RunResult(
            "fib",
            StrategyKind.LAMBDA,
            1,
            1,
            60,
            List.of(),
            List.of(Runs.lambda(0, "instance 1", 0, 60, false, 1)),
            new RunResult.LambdaRun("AWS Lambda in eu-west-1", 0, 0.000001));

    Element section = run(render(Runs.report("fib", UnitKind.CPU, List.of(run))), "fib", "lambda");

    assertThat(section.selectFirst(".badge").text()).isEqualTo("AWS");
    assertThat(section.text()).contains("AWS Lambda in eu-west-1").doesNotContain("child JVMs");
  }

  @Test
  void tenThousandTasks_areDrawnAsOccupancyAndSaySo() {
    List<RunResult> runs = Runs.tenThousandTasksEach();

    String html =
        HtmlReport.render(Runs.page(), List.of(Runs.report("download", UnitKind.IO, runs)));
    Document page = Jsoup.parse(html);

    assertThat(html.length()).isLessThan(4_000_000);
    assertThat(page.select("svg.timing[data-mode=aggregate]")).hasSize(6);
    assertThat(page.select("g.task")).isEmpty();
    Element virtual = run(page, "download", "virtual");
    assertThat(virtual.selectFirst("svg.timing").attr("data-lanes")).isEqualTo("10000");
    assertThat(virtual.select("g.lane-group"))
        .hasSizeLessThanOrEqualTo(TimingDiagram.MAX_GROUPED_ROWS);
    assertThat(virtual.selectFirst("p.caption").text())
        .contains("10,000 tasks")
        .contains("too many");
    assertThat(run(page, "download", "threads").select("g.lane-group")).hasSize(5);
  }

  @Test
  void aHundredThousandTasksInFlight_areSummedUpInSlices_notDrawnOneByOne() {
    List<RunResult> runs = List.of(Runs.loop(100_000, 50), Runs.virtual(100_000, 50));

    String html =
        HtmlReport.render(Runs.page(), List.of(Runs.report("download", UnitKind.IO, runs)));
    Document page = Jsoup.parse(html);

    assertThat(html.length()).isLessThan(1_000_000);
    assertThat(page.select("svg.timing[data-mode=aggregate]")).hasSize(2);
    assertThat(page.select("g.task")).isEmpty();
    Element loop = run(page, "download", "async");
    assertThat(loop.select("g.lane-group"))
        .hasSizeLessThanOrEqualTo(TimingDiagram.MAX_GROUPED_ROWS);
    assertThat(loop.selectFirst("p.caption").text()).contains("100,000 tasks");
    assertThat(page.select("table.runs tbody tr").getFirst().select("td").get(8).text())
        .as("overhead a task")
        .endsWith(" us");
  }

  @Test
  void aRunOfFewTasks_staysBarsUnderTheLimits() {
    Document page =
        render(
            Runs.report(
                "download",
                UnitKind.IO,
                List.of(Runs.pool("threads", TimingDiagram.MAX_BARS, 5, 2, 0.5))));

    assertThat(page.select("svg.timing[data-mode=bars] g.task")).hasSize(TimingDiagram.MAX_BARS);
  }

  @Test
  void segments_splitCpuFromWaitingAndLambdaIntoItsParts() {
    assertThat(Timeline.segments(Runs.ok(0, "t", 10, 20, 4.0)))
        .containsExactly(
            new Timeline.Segment(Part.CPU, 10, 14), new Timeline.Segment(Part.WAIT, 14, 20));
    assertThat(Timeline.segments(Runs.ok(0, "t", 10, 20, null)))
        .containsExactly(new Timeline.Segment(Part.UNMEASURED, 10, 20));
    // Round trip 0..600: handler 50 ms at the end, 400 ms of init before it, the rest waiting.
    assertThat(Timeline.segments(Runs.lambda(0, "i", 0, 600, true, 1)))
        .containsExactly(
            new Timeline.Segment(Part.WAIT, 0, 150),
            new Timeline.Segment(Part.INIT, 150, 550),
            new Timeline.Segment(Part.HANDLER, 550, 600));
  }

  @Test
  void inFlight_peaksPerSliceCountOverlapsAndNotHandOvers() {
    RunResult run =
        new RunResult(
            "nap",
            StrategyKind.THREADS,
            2,
            2,
            30,
            List.of(),
            List.of(
                Runs.ok(0, "thread-1", 0, 10, 0.0),
                Runs.ok(1, "thread-2", 0, 10, 0.0),
                Runs.ok(2, "thread-1", 10, 20, 0.0),
                Runs.ok(3, "thread-2", 15, 30, 0.0)));

    assertThat(InFlightChart.peaks(run, 30, 3)).containsExactly(2, 2, 1);
  }
}
