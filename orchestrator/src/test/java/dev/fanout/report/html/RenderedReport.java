package dev.fanout.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a browser shows of a report: per run, the lanes and bars its timing diagram draws. */
public record RenderedReport(List<Run> runs) {

  /** One run's diagram as laid out: bars counts only those with an area on the page. */
  public record Run(
      String workload,
      String strategy,
      String mode,
      int lanes,
      int bars,
      int drawnBars,
      int inFlightCharts,
      double width) {}

  private static final String READ =
      """
      Array.from(document.querySelectorAll('section.run')).map(section => {
        const timing = section.querySelector('svg.timing');
        const bars = Array.from(timing.querySelectorAll('g.task'));
        return {
          workload: section.dataset.workload,
          strategy: section.dataset.strategy,
          mode: timing.dataset.mode,
          lanes: Number(timing.dataset.lanes),
          laneGroups: timing.querySelectorAll('g.lane').length,
          bars: bars.length,
          drawnBars: bars.filter(bar => { const box = bar.getBBox(); return box.width > 0 && box.height > 0; }).length,
          inFlightCharts: section.querySelectorAll('svg.inflight').length,
          width: timing.getBoundingClientRect().width
        };
      })
      """;

  /** Reads the page loaded in {@code chromium}. */
  public static RenderedReport read(Chromium chromium) {
    List<Run> runs = new ArrayList<>();
    for (JsonNode run : chromium.evaluate(READ)) {
      String mode = run.get("mode").asText();
      runs.add(
          new Run(
              run.get("workload").asText(),
              run.get("strategy").asText(),
              mode,
              mode.equals("bars") ? run.get("laneGroups").asInt() : run.get("lanes").asInt(),
              run.get("bars").asInt(),
              run.get("drawnBars").asInt(),
              run.get("inFlightCharts").asInt(),
              run.get("width").asDouble()));
    }
    return new RenderedReport(List.copyOf(runs));
  }

  /**
   * Holds the page to the JSON report of the same comparison: a drawn diagram per run, a lane per
   * distinct lane of its tasks, a bar with an area per task, and the tasks-in-flight chart.
   */
  public void assertMatches(JsonNode jsonRuns) {
    assertThat(runs).hasSize(jsonRuns.size());
    for (JsonNode json : jsonRuns) {
      String workload = json.get("workload").asText();
      String strategy = json.get("strategy").asText();
      Run run =
          runs.stream()
              .filter(r -> r.workload().equals(workload) && r.strategy().equals(strategy))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no diagram for " + workload + "/" + strategy));
      Set<String> lanes = new HashSet<>(json.get("tasks").findValuesAsText("lane"));
      int tasks = json.get("tasks").size();
      assertThat(run.mode()).as(workload + "/" + strategy).isEqualTo("bars");
      assertThat(run.lanes()).as(workload + "/" + strategy + " lanes").isEqualTo(lanes.size());
      assertThat(run.bars()).as(workload + "/" + strategy + " bars").isEqualTo(tasks);
      assertThat(run.drawnBars()).as(workload + "/" + strategy + " drawn bars").isEqualTo(tasks);
      assertThat(run.inFlightCharts()).as(workload + "/" + strategy).isEqualTo(1);
      assertThat(run.width()).as(workload + "/" + strategy + " width").isGreaterThan(500);
    }
  }
}
