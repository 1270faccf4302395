package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.forecast.Arch;
import dev.fanout.forecast.Forecast;
import dev.fanout.forecast.LambdaFigures;
import dev.fanout.forecast.Profile;
import dev.fanout.forecast.TaskWork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast's page in headless Chromium: per workload a time chart with this machine and every
 * memory size, a cost chart with every memory size, each point drawn; no error logged; no text from
 * a report becomes markup. A screenshot lands in target/browser/.
 */
class ForecastPageBrowserIT extends InChromium {
  private static final Path OUT = Path.of("target", "browser");
  private static final String READ =
      """
      Array.from(document.querySelectorAll('section.forecast')).map(section => {
        const chart = kind => section.querySelector('svg.forecast-chart.' + kind);
        const drawn = svg => Array.from(svg.querySelectorAll('circle.point'))
            .filter(point => { const box = point.getBBox(); return box.width > 0; }).length;
        return {
          workload: section.dataset.workload,
          timeWidth: chart('time').getBoundingClientRect().width,
          timeSeries: chart('time').querySelectorAll('g.series').length,
          timePoints: drawn(chart('time')),
          costSeries: chart('cost').querySelectorAll('g.series').length,
          costPoints: drawn(chart('cost')),
          rows: section.querySelectorAll('table.forecast tr').length
        };
      })
      """;

  private static Profile profile(String workload) {
    return new Profile(
        workload,
        "CPU",
        List.of(new TaskWork(40, 5), new TaskWork(300, 0)),
        List.of(
            new Profile.MeasuredRun("sequential", 1, 2, 345, 0),
            new Profile.MeasuredRun("threads", 2, 2, 300, 0),
            new Profile.MeasuredRun("lambda", 2, 2, 2_000, 0)),
        new Profile.LambdaMeasure(2, 1_500, 20, 200, 1024, List.of(50.0, 310.0), true),
        2,
        null);
  }

  private static Forecast.Result forecast(String workload) {
    return Forecast.of(
        List.of(profile(workload)),
        new Forecast.Request(
            Forecast.LADDER, List.of(512, 1769, 3008), Arch.ARM64, null, null, LambdaFigures.AWS),
        true);
  }

  @Test
  void theCharts_drawEverySeriesAndPoint_andLogNoErrors() throws Exception {
    Path html = OUT.resolve("forecast.html").toAbsolutePath();
    ForecastPage.write(html, ForecastPage.render(Runs.page(), forecast("fib")));

    chromium.load(html);

    JsonNode drawn = chromium.evaluate(READ);
    assertThat(drawn).hasSize(1);
    JsonNode fib = drawn.get(0);
    assertThat(fib.get("workload").asText()).isEqualTo("fib");
    assertThat(fib.get("timeWidth").asDouble()).isGreaterThan(500);
    assertThat(fib.get("timeSeries").asInt()).isEqualTo(4);
    assertThat(fib.get("timePoints").asInt()).isEqualTo(4 * 4);
    assertThat(fib.get("costSeries").asInt()).isEqualTo(3);
    assertThat(fib.get("costPoints").asInt()).isEqualTo(3 * 4);
    assertThat(fib.get("rows").asInt()).isEqualTo(1 + 4 * 4);
    assertThat(
            chromium.evaluate("document.querySelectorAll('section.validation tr').length").asInt())
        .isEqualTo(1 + 3);
    assertThat(chromium.errors()).isEmpty();
    chromium.screenshot(OUT.resolve("forecast.png"), null);
  }

  @Test
  void aWorkloadsName_neverBecomesMarkupInTheBrowser(@TempDir Path temp) {
    String nasty = "<script>window.hacked=1</script><img src=x onerror=\"window.hacked=2\">";
    Path page = temp.resolve("nasty.html");
    ForecastPage.write(page, ForecastPage.render(Runs.page(), forecast(nasty)));

    chromium.load(page);

    assertThat(chromium.evaluate("document.querySelectorAll('script, img').length").asInt())
        .isZero();
    assertThat(chromium.evaluate("String(window.hacked)").asText()).isEqualTo("undefined");
    assertThat(
            chromium.evaluate("document.querySelector('section.forecast h2').textContent").asText())
        .isEqualTo(nasty);
    assertThat(chromium.errors()).isEmpty();
  }
}
