package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.api.UnitKind;
import dev.fanout.cli.FanoutMain;
import dev.fanout.measure.RunResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The HTML report in a real browser: Debian's headless Chromium loads a report of a real comparison
 * (every strategy, Lambda on the local Lambda service included) and of made-up edge cases, and the
 * page must draw what the results hold, log no errors, and let no task text become markup.
 * Screenshots land in target/browser/.
 */
class HtmlReportBrowserIT extends InChromium {
  private static final Path OUT = Path.of("target", "browser");

  @Test
  void aRealComparison_drawsEveryRunWithItsLanesAndBars_andLogsNoErrors() throws Exception {
    Path html = OUT.resolve("compare.html").toAbsolutePath();
    Path json = OUT.resolve("compare.json").toAbsolutePath();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine fanout = FanoutMain.commandLine();
    fanout.setOut(new PrintWriter(out, true));
    fanout.setErr(new PrintWriter(err, true));
    int exit =
        fanout.execute(
            "compare",
            "--workload",
            "download",
            "--workload",
            "fib",
            "--tasks",
            "24",
            "--latency-ms",
            "20",
            "--html",
            html.toString(),
            "--json",
            json.toString());
    assertThat(exit).as(out + "\n" + err).isZero();

    chromium.load(html);

    JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
    assertThat(runs).hasSize(12);
    RenderedReport.read(chromium).assertMatches(runs);
    assertThat(chromium.evaluate("document.querySelectorAll('.lambda .badge').length").asInt())
        .isEqualTo(2);
    assertThat(chromium.evaluate("document.querySelectorAll('g.task.cold').length").asInt())
        .isPositive();
    assertThat(chromium.errors()).isEmpty();
    chromium.screenshot(OUT.resolve("compare.png"), null);
    assertThat(Files.size(OUT.resolve("compare.png"))).isPositive();
  }

  @Test
  void taskText_neverBecomesMarkupInTheBrowser(@TempDir Path temp) {
    String nasty = "<script>window.hacked=1</script><img src=x onerror=\"window.hacked=2\">";
    RunResult run = Runs.withFailure("thread-1", nasty);
    Path page = temp.resolve("nasty.html");
    HtmlReport.write(
        page,
        HtmlReport.render(
            Runs.page(), List.of(Runs.report("download", UnitKind.IO, List.of(run)))));

    chromium.load(page);

    assertThat(chromium.evaluate("document.querySelectorAll('script, img').length").asInt())
        .isZero();
    assertThat(chromium.evaluate("String(window.hacked)").asText()).isEqualTo("undefined");
    assertThat(
            chromium.evaluate("document.querySelector('g.task.failed title').textContent").asText())
        .contains(nasty);
    assertThat(chromium.errors()).isEmpty();
  }

  @Test
  void tenThousandTasksPerRun_renderAsOccupancy_andLogNoErrors(@TempDir Path temp)
      throws Exception {
    List<RunResult> runs = Runs.tenThousandTasksEach();
    Path page = temp.resolve("big.html");
    HtmlReport.write(
        page, HtmlReport.render(Runs.page(), List.of(Runs.report("download", UnitKind.IO, runs))));

    chromium.load(page);

    RenderedReport rendered = RenderedReport.read(chromium);
    assertThat(rendered.runs()).hasSize(6).allMatch(r -> r.mode().equals("aggregate"));
    assertThat(rendered.runs()).allMatch(r -> r.width() > 500);
    assertThat(chromium.errors()).isEmpty();
    chromium.screenshot(OUT.resolve("ten-thousand.png"), null);
    System.out.printf(
        "HtmlReportBrowserIT: 6 runs x 10,000 tasks: %,d bytes of HTML%n", Files.size(page));
  }
}
