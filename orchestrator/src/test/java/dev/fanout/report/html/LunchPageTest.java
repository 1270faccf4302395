package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import dev.fanout.pipeline.PipeQueue;
import dev.fanout.pipeline.QueueTrace;
import dev.fanout.pipeline.SaladBar;
import dev.fanout.pipeline.Span;
import dev.fanout.strategy.kind.StrategyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lunch's page as markup, drawn from real lunches (the menus served by the units, the grill on
 * the local origin, under every in-JVM strategy) and from made-up ones where a test needs exact
 * sizes or hostile text.
 */
class LunchPageTest {
  @TempDir static Path images;
  private static LunchRuns lunches;
  private static List<MenuFigures> burgers;
  private static List<MenuFigures> salads;
  private static Document page;

  @BeforeAll
  static void serveLunch() {
    lunches = new LunchRuns(images);
    burgers = lunches.burgers(lunches.shop(16, 3, 20), LunchRuns.IN_JVM);
    salads = lunches.salads(new SaladBar(20, 3, 2, 2_000, 1_000), LunchRuns.IN_JVM);
    page = Jsoup.parse(LunchPage.render(page(), List.of(burgers, salads)));
  }

  @AfterAll
  static void closeKitchen() {
    lunches.close();
  }

  static HtmlReport.Page page() {
    return new HtmlReport.Page(
        "fanout lunch",
        "fanout lunch",
        "generated 2026-01-02 03:04:05",
        List.of("machine: 2 cores"),
        List.of(),
        2);
  }

  private static Element section(Document page, MenuRun run) {
    Element section =
        page.selectFirst(
            "section.menu-run[data-menu=\""
                + run.menu()
                + "\"][data-strategy=\""
                + run.strategy().label()
                + "\"]");
    assertThat(section).as("the section of %s under %s", run.menu(), run.strategy()).isNotNull();
    return section;
  }

  private static List<MenuFigures> everyRun() {
    List<MenuFigures> all = new ArrayList<>(burgers);
    all.addAll(salads);
    return all;
  }

  @Test
  void everyRun_hasALanePerWorkerAndPerGrillPosition_andABarPerPieceOfWork() {
    assertThat(page.select("section.menu")).hasSize(2);
    assertThat(page.select("section.menu-run")).hasSize(8);
    for (MenuFigures figures : everyRun()) {
      MenuRun run = figures.run();
      Element section = section(page, run);
      Set<String> lanes = new HashSet<>(run.spans().stream().map(Span::lane).toList());
      List<String> drawn = section.select("svg.timing g.lane").eachAttr("data-lane");
      List<String> grill = section.select("svg.timing g.lane.device").eachAttr("data-lane");

      assertThat(drawn).as(run.strategy() + " lanes").containsExactlyInAnyOrderElementsOf(lanes);
      assertThat(grill).allMatch(MenuFigures::isDevice);
      assertThat(drawn.size() - grill.size()).isEqualTo(figures.lanes());
      // The grill's positions come after every worker, below a rule.
      assertThat(drawn.subList(drawn.size() - grill.size(), drawn.size()))
          .containsExactlyElementsOf(grill);
      assertThat(section.select("svg.timing line.device-rule")).hasSize(grill.isEmpty() ? 0 : 1);
      assertThat(section.select("svg.timing g.work")).hasSize(run.spans().size());
      for (Span span : run.spans()) {
        assertThat(section.select("g.work[data-stage=\"" + span.stage() + "\"]"))
            .hasSize(
                (int) run.spans().stream().filter(s -> s.stage().equals(span.stage())).count());
      }
    }
    assertThat(section(page, burgers.getFirst().run()).select("g.lane.device"))
        .as("sequential cooks on one position")
        .hasSize(1);
    assertThat(section(page, burgers.get(1).run()).select("g.lane.device")).hasSize(3);
    assertThat(section(page, salads.get(2).run()).select("g.lane"))
        .as("async: every member of staff on the one loop")
        .hasSize(1);
  }

  @Test
  void aStage_keepsItsColourAcrossAMenusRuns_andTheKeyNamesEveryStage() {
    assertThat(
            page.select("section.menu[data-menu=burgers] ul.stages li[data-stage]")
                .eachAttr("data-stage"))
        .containsExactlyInAnyOrder("take order", "cook", "make burger");
    assertThat(
            page.select("section.menu[data-menu=salads] ul.stages li[data-stage]")
                .eachAttr("data-stage"))
        .containsExactlyInAnyOrder("make salad", "wash bowl");
    for (String menu : List.of("burgers", "salads")) {
      Element section = page.selectFirst("section.menu[data-menu=" + menu + "]");
      for (Element key : section.select("ul.stages li[data-stage]")) {
        String stage = key.attr("data-stage");
        Set<String> colours =
            new HashSet<>(
                section.select("g.work[data-stage=\"" + stage + "\"] > rect").eachAttr("class"));
        assertThat(colours).as(stage).containsExactly(key.selectFirst("rect").attr("class"));
      }
    }
  }

  @Test
  void everyQueue_isChartedUnderTheLanes_withItsCapacityWhenItHasOne() {
    for (MenuFigures figures : everyRun()) {
      MenuRun run = figures.run();
      Element traces = section(page, run).selectFirst("svg.traces");
      List<String> expected = new ArrayList<>();
      for (QueueTrace queue : run.queues()) {
        expected.add(queue.queue());
        if (queue.queue().equals("clean bowls")) {
          expected.add("bowls in use"); // the shelf's other side, next to it
        }
        Element row = traces.selectFirst("g.trace[data-trace=\"" + queue.queue() + "\"]");
        assertThat(row.attr("data-max")).isEqualTo(Integer.toString(queue.maxDepth()));
        assertThat(row.select("line.capacity-line")).hasSize(queue.capacity() > 0 ? 1 : 0);
        assertThat(row.select("path.trace-area")).hasSize(1);
      }
      assertThat(traces.select("g.trace").eachAttr("data-trace"))
          .containsExactlyElementsOf(expected);
    }
    Element open =
        section(page, burgers.get(1).run()).selectFirst("g.trace[data-trace=\"open orders\"]");
    assertThat(open.attr("data-capacity")).isEqualTo("5");
    assertThat(open.selectFirst("line.capacity-line + text").text()).isEqualTo("capacity 5");
    assertThat(Integer.parseInt(open.attr("data-max"))).isBetween(1, 5);
  }

  @Test
  void saladsBowlsInUse_areTheBowlsLessTheCleanShelf_upToTheBowls() {
    for (MenuFigures figures : salads) {
      Element bowls =
          section(page, figures.run()).selectFirst("g.trace[data-trace=\"bowls in use\"]");

      assertThat(bowls.attr("data-capacity")).isEqualTo("2");
      assertThat(bowls.attr("data-max"))
          .isEqualTo(figures.run().facts().get("maxBowlsInUse").toString());
      assertThat(bowls.select("line.capacity-line")).hasSize(1);
    }
  }

  @Test
  void latency_countsEveryServedOrderOnce_andMarksTheFiguresPercentiles() {
    Pattern count = Pattern.compile(": (\\d+) orders?$");
    for (MenuFigures figures : everyRun()) {
      Element latency = section(page, figures.run()).selectFirst("svg.latency");
      int binned = 0;
      for (Element bin : latency.select("rect.latency-bin")) {
        Matcher matcher = count.matcher(bin.selectFirst("title").text());
        assertThat(matcher.find()).isTrue();
        binned += Integer.parseInt(matcher.group(1));
      }

      assertThat(latency.attr("data-served")).isEqualTo(Long.toString(figures.run().served()));
      assertThat(binned).isEqualTo(figures.run().served());
      MenuFigures.Latency expected = figures.latencyMillis();
      assertThat(mark(latency, "p50")).isCloseTo(expected.p50(), within());
      assertThat(mark(latency, "p95")).isCloseTo(expected.p95(), within());
      assertThat(mark(latency, "max")).isCloseTo(expected.max(), within());
    }
  }

  private static double mark(Element latency, String name) {
    return Double.parseDouble(
        latency.selectFirst("g.percentile[data-mark=" + name + "]").attr("data-millis"));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }

  @Test
  void eachMenusTable_hasARowPerRun_linkedToItsLanes() {
    for (List<MenuFigures> menu : List.of(burgers, salads)) {
      String name = menu.getFirst().run().menu();
      List<Element> rows =
          page.select("section.menu[data-menu=" + name + "] table.menu-runs tbody tr");

      assertThat(rows).hasSize(menu.size());
      for (int i = 0; i < rows.size(); i++) {
        MenuRun run = menu.get(i).run();
        Element row = rows.get(i);
        assertThat(row.attr("data-strategy")).isEqualTo(run.strategy().label());
        assertThat(row.select("td").get(3).text()).isEqualTo(run.served() + " / " + run.failed());
        assertThat(page.getElementById(row.selectFirst("a").attr("href").substring(1)))
            .isEqualTo(section(page, run));
      }
    }
    assertThat(page.select("section.menu[data-menu=burgers] table.menu-runs th.queue").eachText())
        .containsExactly("customers", "open orders", "cooked patties");
  }

  @Test
  void aFailedPieceOfWork_standsOut_andSaysWhy() {
    // A cook time the origin's grill refuses: every patty burns, every order fails.
    List<MenuFigures> burnt =
        lunches.burgers(lunches.shop(4, 2, 120_000), List.of(StrategyKind.THREADS));
    MenuRun run = burnt.getFirst().run();
    Document page = Jsoup.parse(LunchPage.render(page(), List.of(burnt)));
    Element section = section(page, run);

    List<Span> failed = run.spans().stream().filter(span -> !span.ok()).toList();
    assertThat(failed).isNotEmpty();
    assertThat(section.select("g.work.failed")).hasSize(failed.size());
    for (Element bar : section.select("g.work.failed")) {
      assertThat(bar.select("rect.outline-failed, path.mark-failed")).hasSize(2);
      assertThat(bar.selectFirst("title").text()).contains("FAILED");
    }
    List<String> titles = section.select("g.work.failed title").eachText();
    for (Span span : failed) {
      assertThat(titles).anyMatch(title -> title.contains(span.error()));
    }
    assertThat(section.selectFirst("details.failures summary").text()).isEqualTo("4 failed orders");
    assertThat(section.select("details.failures tbody tr")).hasSize(4);
  }

  @Test
  void textFromTheRun_isEscapedWhereverItGoes() {
    String nasty = "</title><script>alert(1)</script><img src=x onerror=alert(2)> & \u0001 \"'";
    long[] clock = {0};
    PipeQueue<Integer> queue = PipeQueue.bounded("<b>queue</b>" + nasty, 2, () -> clock[0]);
    queue.put(1);
    MenuRun run =
        new MenuRun(
            "<i>menu</i>",
            StrategyKind.THREADS,
            1,
            0,
            2_000_000,
            List.of(new OrderOutcome(1, 0, 2_000_000, nasty)),
            List.of(
                new Span(
                    "<u>stage</u>" + nasty,
                    "<u>lane</u>",
                    Span.Subject.ORDER,
                    1,
                    0,
                    1_000_000,
                    -1,
                    nasty)),
            List.of(queue.trace()),
            List.of(),
            Map.of("<b>fact</b>", 1L));

    String html = LunchPage.render(page(), List.of(List.of(LunchRuns.figures(run))));
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("\u0001");
    assertThat(page.select("script, img, u, b, i")).isEmpty();
    assertThat(page.selectFirst("g.work.failed title").text())
        .contains("<script>alert(1)</script>");
    assertThat(page.select("g.lane").eachAttr("data-lane")).containsExactly("<u>lane</u>");
    // A control character cannot be carried by HTML: it becomes U+FFFD, the rest stays text.
    assertThat(page.select("g.trace").eachAttr("data-trace"))
        .containsExactly("<b>queue</b>" + nasty.replace('\u0001', '\uFFFD'));
    assertThat(page.selectFirst("details.failures td:last-child").text()).contains("<img src=x");
    assertThat(page.selectFirst("section.menu p.meta").text()).contains("<b>fact</b> 1");
  }

  @Test
  void aNewMenusLanesAndTraces_drawWithNoCodeOfTheirOwn() {
    // A menu the page has never heard of: Lambda instances as lanes, instances alive as a trace.
    MenuRun coffees =
        LunchRuns.madeUp(
            "coffees",
            "instances alive",
            0,
            12,
            List.of("make coffee"),
            List.of("instance 1", "instance 2", "instance 3"),
            Map.of("coldStarts", 3L, "reclaimed", 1L, "timeouts", 1L));

    Document page =
        Jsoup.parse(LunchPage.render(page(), List.of(List.of(LunchRuns.figures(coffees)))));

    assertThat(page.select("g.lane").eachAttr("data-lane"))
        .containsExactly("instance 1", "instance 2", "instance 3");
    assertThat(page.select("g.work[data-stage=make coffee]")).hasSize(12);
    Element alive = page.selectFirst("g.trace[data-trace=instances alive]");
    assertThat(alive.attr("data-max")).isEqualTo("1");
    assertThat(alive.select("line.capacity-line")).isEmpty();
    assertThat(page.selectFirst("section.menu p.meta").text())
        .contains("cold starts 3 · reclaimed 1 · timeouts 1");
  }

  @Test
  void thousandsOfPiecesOfWork_areSlicedAndTheFileStaysSmall() {
    MenuRun big =
        LunchRuns.madeUp(
            "burgers",
            "open orders",
            5,
            6_000,
            List.of("take order", "cook", "make burger"),
            List.of("order taker", "grill 1", "burger maker"),
            Map.of());

    String html = LunchPage.render(page(), List.of(List.of(LunchRuns.figures(big))));
    Document page = Jsoup.parse(html);

    assertThat(page.select("svg.timing[data-mode=aggregate]")).hasSize(1);
    assertThat(page.select("g.work")).isEmpty();
    assertThat(page.select("g.lane-group")).hasSize(3);
    assertThat(page.select("g.lane-group.device")).hasSize(1);
    assertThat(page.selectFirst("p.caption").text()).contains("18,000 pieces of work");
    // 12,001 changes of depth drawn as a peak per slice, not a step each.
    assertThat(page.selectFirst("path.trace-area").attr("d").split("H"))
        .hasSizeLessThanOrEqualTo(TraceChart.SLICES + 2);
    assertThat(html.length()).isLessThan(250_000);
  }

  @Test
  void tracePeaks_keepTheMostInEachSlice_carriedAcrossSlicesWithNoChange() {
    List<TraceChart.Step> steps =
        List.of(
            new TraceChart.Step(0, 0),
            new TraceChart.Step(1, 2),
            new TraceChart.Step(1.5, 0),
            new TraceChart.Step(5, 1));

    assertThat(TraceChart.peaks(steps, 10, 5)).containsExactly(2, 0, 1, 1, 1);
  }

  @Test
  void factsTheRunsShare_areSaidOnceAboveTheTable_andTheRestPerRun() {
    List<MenuFigures> runs = new ArrayList<>();
    for (long open : new long[] {3, 5}) {
      runs.add(
          LunchRuns.figures(
              LunchRuns.madeUp(
                  "burgers",
                  "open orders",
                  5,
                  4,
                  List.of("take order"),
                  List.of("order taker"),
                  Map.of("grill", 4L, "maxOpenOrders", open))));
    }

    Document page = Jsoup.parse(LunchPage.render(page(), List.of(runs)));

    assertThat(page.selectFirst("section.menu p.meta").text())
        .contains("grill 4")
        .doesNotContain("max open orders");
    assertThat(page.select("table.menu-runs tbody td:last-child").eachText())
        .containsExactly("max open orders 3", "max open orders 5");
  }

  @Test
  void factNames_readAsWords() {
    assertThat(MenuTable.words("maxBowlsInUse")).isEqualTo("max bowls in use");
    assertThat(MenuTable.words("grill")).isEqualTo("grill");
    assertThat(MenuTable.facts(Map.of("cookMillis", 200L, "grill", 4L)))
        .isEqualTo("cook 200 ms · grill 4");
  }
}
