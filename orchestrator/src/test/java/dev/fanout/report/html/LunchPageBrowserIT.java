package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.SaladBar;
import dev.fanout.pipeline.Span;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lunch's page in a real browser: Debian's headless Chromium loads the page of a real lunch
 * (both menus under every in-JVM strategy, the grill on the local origin) and of made-up edge
 * cases; every run's lanes, queues and latencies must be drawn with a size, no error logged, no
 * run's text become markup. Screenshots land in target/browser/.
 */
class LunchPageBrowserIT extends InChromium {
  private static final Path OUT = Path.of("target", "browser");

  /** Per run section, what the browser laid out: sizes, and the bars drawn with an area. */
  private static final String READ =
      """
      Array.from(document.querySelectorAll('section.menu-run')).map(section => {
        const size = selector => {
          const box = section.querySelector(selector)?.getBoundingClientRect();
          return box ? [box.width, box.height] : [0, 0];
        };
        const bars = Array.from(section.querySelectorAll('svg.timing g.work'));
        return {
          menu: section.dataset.menu,
          strategy: section.dataset.strategy,
          timing: size('svg.timing'),
          traces: size('svg.traces'),
          latency: size('svg.latency'),
          lanes: section.querySelectorAll('svg.timing g.lane').length,
          bars: bars.length,
          drawnBars: bars.filter(bar => { const box = bar.getBBox(); return box.width > 0 && box.height > 0; }).length,
          traceRows: section.querySelectorAll('svg.traces g.trace').length,
          capacityLines: section.querySelectorAll('svg.traces line.capacity-line').length
        };
      })
      """;

  @Test
  void aRealLunch_drawsEveryRunsLanesQueuesAndLatencies_andLogsNoErrors(@TempDir Path images)
      throws Exception {
    List<MenuFigures> burgers;
    List<MenuFigures> salads;
    try (LunchRuns lunches = new LunchRuns(images)) {
      burgers = lunches.burgers(lunches.shop(24, 4, 40), LunchRuns.IN_JVM);
      salads = lunches.salads(new SaladBar(30, 3, 3, 2_000, 1_000), LunchRuns.IN_JVM);
    }
    Path html = OUT.resolve("lunch.html").toAbsolutePath();
    LunchPage.write(html, LunchPage.render(LunchPageTest.page(), List.of(burgers, salads)));

    chromium.load(html);

    JsonNode drawn = chromium.evaluate(READ);
    assertThat(drawn).hasSize(8);
    List<MenuFigures> all = new java.util.ArrayList<>(burgers);
    all.addAll(salads);
    for (MenuFigures figures : all) {
      MenuRun run = figures.run();
      String name = run.menu() + "/" + run.strategy().label();
      JsonNode section = find(drawn, run);
      assertThat(section.get("timing").get(0).asDouble()).as(name).isGreaterThan(500);
      assertThat(section.get("timing").get(1).asDouble()).as(name).isPositive();
      assertThat(section.get("traces").get(1).asDouble()).as(name).isPositive();
      assertThat(section.get("latency").get(1).asDouble()).as(name).isPositive();
      assertThat(section.get("lanes").asInt())
          .as(name)
          .isEqualTo((int) run.spans().stream().map(Span::lane).distinct().count());
      assertThat(section.get("bars").asInt()).as(name).isEqualTo(run.spans().size());
      assertThat(section.get("drawnBars").asInt()).as(name).isEqualTo(run.spans().size());
      assertThat(section.get("capacityLines").asInt())
          .as(name + ": the open orders, the bowls")
          .isEqualTo(1);
    }
    assertThat(chromium.errors()).isEmpty();
    chromium.screenshot(OUT.resolve("lunch.png"), null);
    screenshotOf("w-burgers-threads", OUT.resolve("lunch-burgers-threads.png"));
    screenshotOf("w-salads-threads", OUT.resolve("lunch-salads-threads.png"));
    assertThat(Files.size(OUT.resolve("lunch-burgers-threads.png"))).isPositive();
  }

  @Test
  void runText_neverBecomesMarkupInTheBrowser(@TempDir Path temp) {
    String nasty = "<script>window.hacked=1</script><img src=x onerror=\"window.hacked=2\">";
    MenuRun run =
        new MenuRun(
            "burgers" + nasty,
            StrategyKind.THREADS,
            1,
            0,
            2_000_000,
            List.of(new OrderOutcome(1, 0, 2_000_000, nasty)),
            List.of(
                new Span(
                    "take order" + nasty,
                    "thread" + nasty,
                    Span.Subject.ORDER,
                    1,
                    0,
                    1_000_000,
                    -1,
                    nasty)),
            List.of(),
            List.of(),
            Map.of("fact" + nasty, 1L));
    Path page = temp.resolve("nasty.html");
    LunchPage.write(
        page, LunchPage.render(LunchPageTest.page(), List.of(List.of(LunchRuns.figures(run)))));

    chromium.load(page);

    assertThat(chromium.evaluate("document.querySelectorAll('script, img').length").asInt())
        .isZero();
    assertThat(chromium.evaluate("String(window.hacked)").asText()).isEqualTo("undefined");
    assertThat(
            chromium.evaluate("document.querySelector('g.work.failed title').textContent").asText())
        .contains(nasty);
    assertThat(chromium.errors()).isEmpty();
  }

  @Test
  void thousandsOfPiecesOfWork_renderAsOccupancy_andLogNoErrors(@TempDir Path temp)
      throws Exception {
    MenuRun big =
        LunchRuns.madeUp(
            "burgers",
            "open orders",
            5,
            10_000,
            List.of("take order", "cook", "make burger"),
            List.of("order taker", "grill 1", "burger maker"),
            Map.of());
    Path page = temp.resolve("big.html");
    LunchPage.write(
        page, LunchPage.render(LunchPageTest.page(), List.of(List.of(LunchRuns.figures(big)))));

    chromium.load(page);

    assertThat(chromium.evaluate("document.querySelector('svg.timing').dataset.mode").asText())
        .isEqualTo("aggregate");
    assertThat(
            chromium
                .evaluate("document.querySelector('svg.traces').getBoundingClientRect().height")
                .asDouble())
        .isPositive();
    assertThat(chromium.errors()).isEmpty();
    System.out.printf(
        "LunchPageBrowserIT: 30,000 pieces of work: %,d bytes of HTML%n", Files.size(page));
  }

  private static JsonNode find(JsonNode drawn, MenuRun run) {
    for (JsonNode section : drawn) {
      if (section.get("menu").asText().equals(run.menu())
          && section.get("strategy").asText().equals(run.strategy().label())) {
        return section;
      }
    }
    throw new AssertionError("no section for " + run.menu() + "/" + run.strategy().label());
  }

  /** A PNG of one section of the page, for a reader to look at. */
  private static void screenshotOf(String id, Path file) {
    JsonNode box =
        chromium.evaluate(
            "(() => { const r = document.getElementById('"
                + id
                + "').getBoundingClientRect();"
                + " return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]; })()");
    chromium.screenshot(
        file,
        new double[] {
          box.get(0).asDouble(), box.get(1).asDouble(), box.get(2).asDouble(), box.get(3).asDouble()
        });
  }
}
