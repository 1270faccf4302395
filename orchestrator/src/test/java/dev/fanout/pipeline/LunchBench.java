package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sums up the JSON reports of repeated {@code scripts/fanout lunch} runs (the user's command, at
 * its defaults): per menu and strategy, the median efficiency against the bottleneck's bound with
 * the range, and orders per second. {@code scripts/bench lunch} runs the command and then this.
 *
 * <pre>
 * java -cp ... dev.fanout.pipeline.LunchBench run-1.json run-2.json run-3.json
 * </pre>
 */
public final class LunchBench {
  private LunchBench() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<double[]>> byRun = new LinkedHashMap<>();
    for (String file : args) {
      for (JsonNode run : json.readTree(Path.of(file).toFile()).get("runs")) {
        String key = run.get("menu").asText() + "/" + run.get("strategy").asText();
        byRun
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                new double[] {
                  run.get("efficiency").asDouble(),
                  run.get("throughputPerSecond").asDouble(),
                  run.get("wallMillis").asDouble(),
                  run.get("failed").asDouble()
                });
      }
    }
    System.out.printf(
        "%-22s %6s %22s %14s %12s %7s%n",
        "menu/strategy", "runs", "efficiency [min..max]", "orders/s", "wall", "failed");
    byRun.forEach(
        (key, samples) ->
            System.out.printf(
                Locale.ROOT,
                "%-22s %6d %8.0f%% [%3.0f..%3.0f%%] %14.1f %10.0f ms %7.0f%n",
                key,
                samples.size(),
                100 * median(samples, 0),
                100 * min(samples, 0),
                100 * max(samples, 0),
                median(samples, 1),
                median(samples, 2),
                max(samples, 3)));
  }

  private static double median(List<double[]> samples, int field) {
    List<Double> sorted = samples.stream().map(s -> s[field]).sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double min(List<double[]> samples, int field) {
    return samples.stream().mapToDouble(s -> s[field]).min().orElse(0);
  }

  private static double max(List<double[]> samples, int field) {
    return samples.stream().mapToDouble(s -> s[field]).max().orElse(0);
  }
}
