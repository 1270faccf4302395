package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.plan.Workload;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Small task lists for every unit, quick enough to run under every strategy in a test. */
final class TestWorkloads {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TestWorkloads() {}

  static List<Workload> small(URI origin) {
    return List.of(
        of(
            "download",
            6,
            i ->
                JSON.objectNode()
                    .put("url", origin + (i % 2 == 0 ? "/pages/jython" : "/pages/dice"))),
        of(
            "image",
            4,
            i -> JSON.objectNode().put("id", i).put("url", origin + "/id/" + i + "/40/30")),
        of("scrape", 5, i -> JSON.objectNode().put("number", 1 + i * 4)),
        of("nap", 3, i -> JSON.objectNode().put("millis", 20 + 10 * i)),
        of("sumsq", 5, i -> JSON.objectNode().put("n", 100_000 + i)),
        of("fib", 20, i -> JSON.objectNode().put("n", 1 + i)),
        of("powerloop", 4, i -> JSON.objectNode().put("start", 1 + i).put("iterations", 1000)));
  }

  static Workload of(String unit, int count, IntFunction<JsonNode> input) {
    List<JsonNode> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(input.apply(i));
    }
    return new Workload(unit, inputs, 3, "test");
  }

  static Workload naps(int count, long millis) {
    return of("nap", count, i -> JSON.objectNode().put("millis", millis));
  }
}
