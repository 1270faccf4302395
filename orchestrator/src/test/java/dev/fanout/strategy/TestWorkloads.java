package dev.fanout.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        of("powerloop", 4, i -> JSON.objectNode().put("start", 1 + i).put("iterations", 1000)),
        // The lunch's units: each stage's work, as small as it goes.
        of("order", 4, i -> JSON.objectNode().put("customer", 1 + i)),
        of(
            "grill",
            3,
            i ->
                JSON.objectNode()
                    .put("patty", 1 + i)
                    .put("url", origin + "/grill/" + (1 + i) + "?millis=" + 10 * i)),
        of(
            "burger",
            3,
            i -> {
              ObjectNode burger = JSON.objectNode();
              burger
                  .putObject("order")
                  .put("order", 1 + i)
                  .put("customer", 1 + i)
                  .put("burger", "cheeseburger");
              burger.putObject("patty").put("patty", 1 + i).put("cookedMillis", 10);
              return burger;
            }),
        of(
            "salad",
            3,
            i -> JSON.objectNode().put("order", 1 + i).put("bowl", i).put("passes", 200)),
        of("wash", 3, i -> JSON.objectNode().put("bowl", i).put("passes", 100)),
        of(
            "coffee",
            2,
            i -> {
              ObjectNode coffee = JSON.objectNode().put("drink", i == 0 ? "espresso" : "latte");
              coffee.putArray("embellishments");
              return coffee;
            }));
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
