package dev.fanout.report.html;

import dev.fanout.pipeline.Menu;
import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lunch as one self-contained HTML page: per menu the table of its runs, and per run its lanes
 * with a bar per piece of work, its queues and counts over time on the same axis, and its orders'
 * latencies. Inline CSS and SVG only, as the comparison's page: no script, nothing fetched.
 */
public final class LunchPage {
  private LunchPage() {}

  /**
   * The page of a lunch.
   *
   * @param page the title, command line, when, facts about the machine and settings, notes (e.g.
   *     the article's comparison as text); its cores are not used
   * @param menus each menu's runs, one per strategy, in the order to show them (as {@link
   *     MenuFigures#of} gives them); an empty menu is left out
   */
  public static String render(HtmlReport.Page page, List<List<MenuFigures>> menus) {
    int spans = 0;
    Map<String, String> sections = new LinkedHashMap<>();
    for (List<MenuFigures> menu : menus) {
      for (MenuFigures figures : menu) {
        spans += figures.run().spans().size();
      }
      if (!menu.isEmpty()) {
        String name = menu.getFirst().run().menu();
        sections.put(PageFrame.anchor(name), name);
      }
    }
    StringBuilder html = new StringBuilder(32_768 + Math.min(spans, 20_000) * 320);
    PageFrame.open(html, page, PageStyle.CSS + PageStyle.LUNCH_CSS, sections);
    html.append(PageStyle.LUNCH_LEGEND);
    for (List<MenuFigures> menu : menus) {
      if (!menu.isEmpty()) {
        menu(html, menu);
      }
    }
    PageFrame.close(
        html,
        "Made by fanout. Each run has its own time axis, from the doors opening to its last order;"
            + " the tables compare the strategies. Times are since the doors opened (monotonic"
            + " clock).");
    return html.toString();
  }

  /** Writes the page to {@code file}, making its directory. */
  public static void write(Path file, String html) {
    HtmlReport.write(file, html);
  }

  private static void menu(StringBuilder html, List<MenuFigures> runs) {
    String name = runs.getFirst().run().menu();
    List<MenuTimeline.StageFill> stages =
        MenuTimeline.stages(runs.stream().map(MenuFigures::run).toList());
    html.append("<section class=\"menu\" id=\"")
        .append(Html.text(PageFrame.anchor(name)))
        .append("\" data-menu=\"")
        .append(Html.text(name))
        .append("\"><h2>")
        .append(Html.text(name))
        .append("</h2><p class=\"meta\">")
        .append(runs.getFirst().run().orders())
        .append(" orders");
    Map<String, Long> common = MenuTable.common(runs);
    if (!common.isEmpty()) {
      html.append(" · ").append(Html.text(MenuTable.facts(common)));
    }
    if (Menu.labels().contains(name)) {
      html.append("<br>").append(Html.text(Menu.of(name).description()));
    }
    html.append("</p>\n");
    MenuTable.table(html, runs);
    stageKey(html, stages, runs);
    for (MenuFigures figures : runs) {
      run(html, figures, stages);
    }
    html.append("</section>\n");
  }

  /** What each stage's colour is, for every run of the menu below. */
  private static void stageKey(
      StringBuilder html, List<MenuTimeline.StageFill> stages, List<MenuFigures> runs) {
    html.append("<ul class=\"stages\">");
    for (MenuTimeline.StageFill stage : stages) {
      html.append("<li data-stage=\"")
          .append(Html.text(stage.meaning()))
          .append("\"><svg viewBox=\"0 0 18 12\"><rect class=\"")
          .append(stage.cssClass())
          .append("\" x=\"1\" y=\"2\" width=\"16\" height=\"8\"/></svg> ")
          .append(Html.text(stage.meaning()))
          .append("</li>");
    }
    boolean devices =
        runs.stream()
            .flatMap(figures -> figures.run().spans().stream())
            .anyMatch(span -> MenuFigures.isDevice(span.lane()));
    if (devices) {
      html.append(
          "<li><svg viewBox=\"0 0 18 12\"><rect class=\"device-bg\" x=\"1\" y=\"1\" width=\"16\""
              + " height=\"10\"/></svg> a lane of the grill: a position cooking on its own</li>");
    }
    html.append("</ul>\n");
  }

  private static void run(
      StringBuilder html, MenuFigures figures, List<MenuTimeline.StageFill> stages) {
    MenuRun run = figures.run();
    Timeline timeline = MenuTimeline.of(run, stages);
    TimeAxis axis = TimeAxis.upTo(timeline.endMillis());
    TimingDiagram.Drawing diagram = TimingDiagram.draw(MenuTimeline.subject(run), timeline, axis);
    long devices = timeline.lanes().stream().filter(Timeline.Lane::device).count();
    html.append("<section class=\"menu-run\" id=\"")
        .append(Html.text(anchor(run)))
        .append("\" data-menu=\"")
        .append(Html.text(run.menu()))
        .append("\" data-strategy=\"")
        .append(Html.text(run.strategy().label()))
        .append("\"><h3>")
        .append(Html.text(run.menu()))
        .append(" · ")
        .append(Html.text(run.strategy().label()))
        .append(" <span class=\"sub\">wall ")
        .append(Html.text(Html.duration(run.wallMillis())))
        .append(" · ")
        .append(run.served())
        .append(" served")
        .append(run.failed() > 0 ? " · " + run.failed() + " failed" : "")
        .append(" · ")
        .append(timeline.lanes().size() - devices)
        .append(" ")
        .append(Html.text(run.strategy().laneNoun((int) (timeline.lanes().size() - devices))))
        .append(
            devices == 0
                ? ""
                : " and " + devices + (devices == 1 ? " grill position" : " grill positions"))
        .append("</span></h3>");
    html.append(diagram.svg()).append('\n');
    html.append(TraceChart.draw(TraceChart.of(run), axis)).append('\n');
    html.append(LatencyChart.draw(figures)).append('\n');
    html.append("<p class=\"caption\">");
    for (String note : diagram.notes()) {
      html.append(Html.text(note)).append(' ');
    }
    html.append("</p>\n");
    MenuTable.failures(html, run);
    html.append("</section>\n");
  }

  /** The id of a run's section, which the menu's table links to. */
  static String anchor(MenuRun run) {
    return PageFrame.anchor(run.menu() + "-" + run.strategy().label());
  }
}
