package dev.fanout.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sums up {@code scripts/bench io}: the JSON reports of {@code scripts/fanout compare --workload
 * download} (the user's command and defaults) at each task count, and, when the bench found
 * python3, the JSON lines of the CPython asyncio client against the same origin: per task count and
 * strategy the median wall time with its range, and its ratio to CPython's median.
 *
 * <pre>
 * java -cp ... dev.fanout.measure.IoBench compare-160.json compare-1000.json [python.jsonl]
 * </pre>
 */
public final class IoBench {
  private IoBench() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    // tasks -> label -> wall samples
    Map<Integer, Map<String, List<Double>>> walls = new LinkedHashMap<>();
    for (String file : args) {
      Path path = Path.of(file);
      if (file.endsWith(".jsonl")) {
        for (String line : Files.readAllLines(path)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode python = json.readTree(line);
          walls
              .computeIfAbsent(python.get("tasks").asInt(), k -> new LinkedHashMap<>())
              .put("CPython asyncio", samples(python.get("millis")));
        }
        continue;
      }
      for (JsonNode run : json.readTree(path.toFile()).get("runs")) {
        walls
            .computeIfAbsent(run.get("tasks").size(), k -> new LinkedHashMap<>())
            .put("fanout " + run.get("strategy").asText(), samples(run.get("wallSamplesMillis")));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-7s %-18s %5s %24s %12s%n",
        "tasks",
        "client",
        "runs",
        "wall [min..max]",
        "vs CPython");
    walls.forEach(
        (tasks, byClient) -> {
          List<Double> python = byClient.get("CPython asyncio");
          byClient.forEach(
              (client, millis) ->
                  System.out.printf(
                      Locale.ROOT,
                      "%-7d %-18s %5d %24s %12s%n",
                      tasks,
                      client,
                      millis.size(),
                      String.format(
                          Locale.ROOT,
                          "%.0f ms [%.0f..%.0f]",
                          median(millis),
                          Collections.min(millis),
                          Collections.max(millis)),
                      python == null
                          ? "-"
                          : String.format(Locale.ROOT, "%.2fx", median(millis) / median(python))));
        });
  }

  private static List<Double> samples(JsonNode array) {
    List<Double> samples = new ArrayList<>();
    array.forEach(value -> samples.add(value.asDouble()));
    return samples;
  }

  private static double median(List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
