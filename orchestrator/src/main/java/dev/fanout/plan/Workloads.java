package dev.fanout.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.api.UnitProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** The articles' task lists, against a local origin, optionally resized. */
public final class Workloads {
  /** The order of the report: I/O first, then waiting, then CPU. */
  public static final List<String> NAMES =
      List.of("download", "image", "scrape", "nap", "sumsq", "fib", "powerloop");

  /** Seed 002 sleeps 1..9 s; scaled down so a full comparison stays short. */
  public static final double NAP_SCALE = 0.1;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int PYTHON_DEFAULT_THREADS =
      Math.min(32, Runtime.getRuntime().availableProcessors() + 4);

  private Workloads() {}

  /**
   * @param tasks how many tasks, or 0 for the articles' count
   */
  public static Workload create(String name, URI origin, int tasks) {
    return switch (name) {
      case "download" ->
          // Seed 000: the two sites, 80 times each, with a pool of 5 threads.
          new Workload(
              name,
              inputs(tasks, 160, i -> url(origin + (i % 2 == 0 ? "/pages/jython" : "/pages/dice"))),
              5,
              "article 1: two pages downloaded 80 times each");
      case "image" ->
          // Seed 001: 20 pictures of 200x300, ThreadPoolExecutor(max_workers=20).
          new Workload(
              name,
              inputs(
                  tasks,
                  20,
                  i -> JSON.objectNode().put("id", i).put("url", origin + "/id/" + i + "/200/300")),
              20,
              "article 2: images of 200x300 saved to files");
      case "scrape" ->
          // Seed 003: Pokemon 1..20, ThreadPoolExecutor() with Python's default pool size.
          new Workload(
              name,
              inputs(tasks, 20, i -> JSON.objectNode().put("number", 1 + i % 1025)),
              PYTHON_DEFAULT_THREADS,
              "article 4: the first <h1> of Pokedex pages");
      case "nap" -> {
        // Seed 002: 5 workers sleeping random.randrange(1, 10) seconds, fixed seed, scaled.
        Random random = new Random(2);
        yield new Workload(
            name,
            inputs(
                tasks,
                5,
                i ->
                    JSON.objectNode()
                        .put("millis", Math.round((1 + random.nextInt(9)) * 1000 * NAP_SCALE))),
            5,
            "article 3: random naps of 1..9 s, scaled by " + NAP_SCALE);
      }
      case "sumsq" ->
          // Seed 000: sum of squares below 5_000_000 + x for x in range(20).
          new Workload(
              name,
              inputs(tasks, 20, i -> JSON.objectNode().put("n", 5_000_000 + i)),
              Runtime.getRuntime().availableProcessors(),
              "article 1: sums of squares of 5,000,000 + x numbers");
      case "fib" ->
          // Seed 001: fib(1..35), repeated from 1 past 35 tasks.
          new Workload(
              name,
              inputs(tasks, 35, i -> JSON.objectNode().put("n", 1 + i % 35)),
              PYTHON_DEFAULT_THREADS,
              "article 2: recursive fib(1..35)");
      case "powerloop" ->
          // Seed 003: the math loop for start = 1..20.
          new Workload(
              name,
              inputs(tasks, 20, i -> JSON.objectNode().put("start", 1 + i)),
              Runtime.getRuntime().availableProcessors(),
              "article 4: math loops of 2,000,000 passes");
      default ->
          throw new IllegalArgumentException(
              "no workload called '" + name + "'; the workloads are " + String.join(", ", NAMES));
    };
  }

  /**
   * A workload's unit with the user's own task list instead of the articles': its lines in order,
   * gone through again from the first, as the articles' lists are, when {@code tasks} asks for more
   * than the file holds.
   *
   * @param tasks how many tasks, or 0 for one per line of the file
   */
  public static Workload create(String name, URI origin, int tasks, TaskFile file) {
    return fromFile(create(name, origin, 0), tasks, file);
  }

  /**
   * A unit of your own with the task list its provider gives, gone through again from the first
   * when {@code tasks} asks for more.
   *
   * @param tasks how many tasks, or 0 for the provider's list as it is
   * @throws IllegalArgumentException when the provider gives no task
   */
  public static Workload own(String name, UnitProvider provider, URI origin, int tasks) {
    List<JsonNode> list = List.copyOf(provider.tasks(origin));
    if (list.isEmpty()) {
      throw new IllegalArgumentException(
          provider.getClass().getName()
              + " gives no task for "
              + name
              + ": return at least one input from tasks(), or give --tasks-file");
    }
    return new Workload(
        name,
        inputs(tasks, list.size(), i -> list.get(i % list.size())),
        provider.threads(),
        provider.describeTasks());
  }

  /** {@code workload}'s unit and pool size with the user's own task list. */
  public static Workload fromFile(Workload workload, int tasks, TaskFile file) {
    return new Workload(
        workload.unit(),
        inputs(tasks, file.size(), i -> file.inputs().get(i % file.size())),
        workload.threads(),
        "tasks from " + file.source());
  }

  private static List<JsonNode> inputs(int tasks, int seedCount, IntFunction<JsonNode> input) {
    int count = tasks > 0 ? tasks : seedCount;
    List<JsonNode> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(input.apply(i));
    }
    return list;
  }

  private static ObjectNode url(String url) {
    return JSON.objectNode().put("url", url);
  }
}
