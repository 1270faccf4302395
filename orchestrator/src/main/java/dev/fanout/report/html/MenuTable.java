package dev.fanout.report.html;

import dev.fanout.pipeline.MenuFigures;
import dev.fanout.pipeline.MenuRun;
import dev.fanout.pipeline.OrderOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A menu's runs side by side, as the console prints them: lanes, wall time, orders served and
 * failed, throughput against the bottleneck's bound, latency, each queue's deepest, and what only
 * the menu knows where it differs between runs (its facts, by name); and a run's failed orders with
 * their reasons.
 */
final class MenuTable {
  private static final int MAX_LISTED_FAILURES = 20;

  private MenuTable() {}

  static void table(StringBuilder html, List<MenuFigures> runs) {
    Set<String> queues = new LinkedHashSet<>();
    runs.forEach(figures -> queues.addAll(figures.maxQueueDepth().keySet()));
    Map<String, Long> common = common(runs);
    boolean facts =
        runs.stream()
            .anyMatch(figures -> !common.keySet().containsAll(figures.run().facts().keySet()));
    // In a box of its own: a menu with many queues scrolls its table, not the page.
    html.append("<div class=\"table-box\"><table class=\"runs menu-runs\"><thead><tr>");
    for (String column :
        List.of(
            "strategy",
            "lanes",
            "wall",
            "served / failed",
            "orders/s",
            "bound/s",
            "efficiency",
            "latency p50 / p95 / max")) {
      html.append("<th rowspan=\"2\">").append(column).append("</th>");
    }
    if (!queues.isEmpty()) {
      html.append("<th colspan=\"").append(queues.size()).append("\">deepest queue</th>");
    }
    html.append(facts ? "<th rowspan=\"2\">facts</th>" : "").append("</tr><tr>");
    for (String queue : queues) {
      html.append("<th class=\"queue\">").append(Html.text(queue)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (MenuFigures figures : runs) {
      row(html, figures, queues, facts ? common : null);
    }
    html.append("</tbody></table></div>\n");
  }

  /**
   * @param common the facts to leave out, being the same in every run; null for no facts column
   */
  private static void row(
      StringBuilder html, MenuFigures figures, Set<String> queues, Map<String, Long> common) {
    MenuRun run = figures.run();
    MenuFigures.Latency latency = figures.latencyMillis();
    html.append("<tr data-strategy=\"")
        .append(Html.text(run.strategy().label()))
        .append("\"><td><a href=\"#")
        .append(Html.text(LunchPage.anchor(run)))
        .append("\">")
        .append(Html.text(run.strategy().label()))
        .append("</a></td><td>")
        .append(figures.lanes())
        .append("</td><td>")
        .append(Html.text(Html.duration(run.wallMillis())))
        .append("</td><td")
        .append(run.failed() > 0 ? " class=\"failure\"" : "")
        .append(">")
        .append(run.served())
        .append(" / ")
        .append(run.failed())
        .append("</td><td>")
        .append(String.format(Locale.ROOT, "%.1f", figures.throughputPerSecond()))
        .append("</td><td>")
        .append(String.format(Locale.ROOT, "%.1f", figures.boundPerSecond()))
        .append("</td><td>")
        .append(Html.percent(figures.efficiency()))
        .append("</td><td>")
        .append(
            Html.text(
                Html.duration(latency.p50())
                    + " / "
                    + Html.duration(latency.p95())
                    + " / "
                    + Html.duration(latency.max())))
        .append("</td>");
    for (String queue : queues) {
      Integer depth = figures.maxQueueDepth().get(queue);
      html.append("<td>").append(depth == null ? "–" : depth).append("</td>");
    }
    if (common != null) {
      Map<String, Long> own = new TreeMap<>(run.facts());
      own.keySet().removeAll(common.keySet());
      html.append("<td class=\"facts\">").append(Html.text(facts(own))).append("</td>");
    }
    html.append("</tr>");
  }

  /**
   * The facts every run of a menu has, with the same value: its settings (the grill, the bowls) and
   * what came out the same. Said once, above the table, rather than in every row.
   */
  static Map<String, Long> common(List<MenuFigures> runs) {
    Map<String, Long> common = new TreeMap<>(runs.getFirst().run().facts());
    for (MenuFigures figures : runs) {
      common
          .entrySet()
          .removeIf(fact -> !fact.getValue().equals(figures.run().facts().get(fact.getKey())));
    }
    return common;
  }

  /**
   * A run's facts as words: maxOpenOrders 5 reads "max open orders 5"; a name ending in Millis is a
   * duration, cookMillis 200 reads "cook 200 ms".
   */
  static String facts(Map<String, Long> facts) {
    List<String> parts = new ArrayList<>();
    facts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            fact -> {
              String name = fact.getKey();
              parts.add(
                  name.endsWith("Millis") && name.length() > "Millis".length()
                      ? words(name.substring(0, name.length() - "Millis".length()))
                          + " "
                          + Html.duration(fact.getValue())
                      : words(name) + " " + fact.getValue());
            });
    return String.join(" · ", parts);
  }

  /** A camel-case name in words: coldStarts is "cold starts". */
  static String words(String name) {
    StringBuilder words = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        words.append(' ').append(Character.toLowerCase(c));
      } else {
        words.append(c);
      }
    }
    return words.toString();
  }

  /** The run's failed orders, the first few with their reasons. */
  static void failures(StringBuilder html, MenuRun run) {
    List<OrderOutcome> failed = run.outcomes().stream().filter(o -> !o.served()).toList();
    if (failed.isEmpty()) {
      return;
    }
    html.append("<details class=\"failures\"><summary>")
        .append(failed.size())
        .append(failed.size() == 1 ? " failed order" : " failed orders")
        .append(
            failed.size() > MAX_LISTED_FAILURES
                ? " (the first " + MAX_LISTED_FAILURES + " listed)"
                : "")
        .append("</summary><table><thead><tr><th>order</th><th>after</th><th>why</th></tr>")
        .append("</thead><tbody>");
    for (OrderOutcome outcome : failed.subList(0, Math.min(MAX_LISTED_FAILURES, failed.size()))) {
      html.append("<tr><td>")
          .append(outcome.order())
          .append("</td><td>")
          .append(Html.text(Html.duration((outcome.doneNanos() - outcome.arrivalNanos()) / 1e6)))
          .append("</td><td>")
          .append(Html.text(Html.cut(outcome.error(), 500)))
          .append("</td></tr>");
    }
    html.append("</tbody></table></details>");
  }
}
