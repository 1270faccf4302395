package dev.fanout.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud Coffees' customers as the article tells it: a first customer; as soon as that coffee is
 * served, a crowd all at once, one of them the friend with a ridiculously complex order; a pause
 * longer than an idle barista waits around; then a few more. Each wave comes in its gap after the
 * wave before it has been served (or binned), so every strategy sees the same waves whatever its
 * pace, and a warm instance is idle when the crowd comes.
 *
 * @param crowd the second wave, all at once; its first order is the friend's complex one
 * @param pause how long the last wave comes after the crowd has been served: longer than the local
 *     Lambda service's idle timeout, so that the crowd's instances are reclaimed by then
 * @param later the last wave, after the pause (0 for none)
 */
public record CoffeeWaves(int crowd, Duration pause, int later) {
  /**
   * The article gives no number ("a boisterous crowd"). Four: on a 2-core machine a lunch's local
   * Lambda service runs at most 2 instances per core, so the crowd takes the first customer's warm
   * instance and starts three: the stalls float down for them without a throttle. Three JVMs
   * starting at once on 2 cores took 3.5-4 s each on a machine busy with other builds, one alone
   * 1.1 s: more would only queue for the cores.
   */
  public static final int DEFAULT_CROWD = 4;

  /**
   * How long the local Lambda service keeps an idle instance in a lunch, unless the user gives
   * --idle-timeout. AWS does not say (others have measured minutes) and the service's own default
   * is 5 minutes; the article's "little while" becomes 1 s, so that reclaims happen inside a run of
   * a few seconds (the whole default lunch must fit in a minute on 2 cores).
   */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The article gives no number ("after a little wait the stalls disappear"). 1.5 s: the 1 s idle
   * timeout and half a second's margin (the service reclaims at the idle deadline itself, with no
   * sweep to wait for), so that every order of the last wave is a cold start.
   */
  public static final Duration DEFAULT_PAUSE = Duration.ofMillis(1500);

  /**
   * The article's "if more customers arrive more stalls appear": two, so that the last wave shows
   * more than one instance floating down again.
   */
  public static final int DEFAULT_LATER = 2;

  /** A crowd of threads or instances per wave beyond this is a typing error, not a lunch. */
  public static final int MAX_WAVE = 1_000;

  /** The longest pause: a lunch, not a soak. */
  public static final Duration MAX_PAUSE = Duration.ofMinutes(30);

  /** The friend's order: the crowd's first. */
  static final int COMPLEX_ORDER = 2;

  /**
   * The friend's order: a mocha with four embellishments, 2.3 s of waiting against CoffeeFunction's
   * 2 s timeout. The marshmallows and the chocolate flake come last, as in the article: the barista
   * is adding the flake (1.7-2.3 s) when the timeout comes.
   */
  static final Recipe COMPLEX =
      new Recipe("mocha", List.of("whipped cream", "sprinkles", "marshmallows", "chocolate flake"));

  /** Everybody else's orders, in turn: 0.1-0.85 s of waiting, well inside the timeout. */
  static final List<Recipe> PLAIN =
      List.of(
          new Recipe("latte", List.of("oat milk")),
          new Recipe("espresso", List.of()),
          new Recipe("cappuccino", List.of("cinnamon")),
          new Recipe("mocha", List.of("whipped cream")),
          new Recipe("espresso", List.of("extra shot")),
          new Recipe("latte", List.of("vanilla syrup", "sprinkles")));

  /** A drink and what goes on top, as the coffee unit takes them. */
  record Recipe(String drink, List<String> embellishments) {
    JsonNode input() {
      ObjectNode input = JsonNodeFactory.instance.objectNode();
      input.put("drink", drink);
      ArrayNode on = input.putArray("embellishments");
      embellishments.forEach(on::add);
      return input;
    }
  }

  /**
   * One customer's order.
   *
   * @param number 1.. in the order they come
   * @param wave 1 (the first customer), 2 (the crowd), 3 (later)
   * @param complex whether it is the friend's
   * @param input the coffee unit's input
   */
  public record Order(int number, int wave, boolean complex, JsonNode input) {}

  /**
   * Customers who come at once.
   *
   * @param gap how long after the wave before has been served they come
   */
  public record Wave(int number, String who, Duration gap, List<Order> orders) {
    public Wave {
      orders = List.copyOf(orders);
    }
  }

  public CoffeeWaves {
    if (crowd < 1 || crowd > MAX_WAVE) {
      throw new IllegalArgumentException(
          "crowd must be 1.." + MAX_WAVE + " (it holds the friend's complex order), got " + crowd);
    }
    if (later < 0 || later > MAX_WAVE) {
      throw new IllegalArgumentException("later must be 0.." + MAX_WAVE + ", got " + later);
    }
    if (pause == null || pause.isNegative() || pause.compareTo(MAX_PAUSE) > 0) {
      throw new IllegalArgumentException(
          "pause must be 0.." + MAX_PAUSE.toMinutes() + " minutes, got " + pause);
    }
  }

  /** The defaults above: 1 customer, a crowd of 4, a 1.5 s pause, 2 more; 7 orders. */
  public static CoffeeWaves defaults() {
    return new CoffeeWaves(DEFAULT_CROWD, DEFAULT_PAUSE, DEFAULT_LATER);
  }

  /** The waves of a run, read back from its facts (see {@link #facts}). */
  static CoffeeWaves of(Map<String, Long> facts) {
    return new CoffeeWaves(
        Math.toIntExact(facts.get("crowd")),
        Duration.ofMillis(facts.get("pauseMillis")),
        Math.toIntExact(facts.get("later")));
  }

  /** What a run's facts say of its waves, so that figures can be derived from the run alone. */
  Map<String, Long> facts() {
    Map<String, Long> facts = new LinkedHashMap<>();
    facts.put("crowd", (long) crowd);
    facts.put("pauseMillis", pause.toMillis());
    facts.put("later", (long) later);
    facts.put("complexOrder", (long) COMPLEX_ORDER);
    return facts;
  }

  /** How many orders in all. */
  public int size() {
    return 1 + crowd + later;
  }

  /** The most customers at once: how many baristas serve every wave without a queue. */
  public int largestWave() {
    return Math.max(crowd, later);
  }

  /** The waves in the order they come; the last is left out when nobody comes later. */
  public List<Wave> waves() {
    List<Wave> waves = new ArrayList<>();
    waves.add(new Wave(1, "the first customer", Duration.ZERO, orders(1, 1, 1)));
    waves.add(new Wave(2, "a crowd", Duration.ZERO, orders(2, 2, crowd)));
    if (later > 0) {
      waves.add(new Wave(3, "a few more", pause, orders(3, 2 + crowd, later)));
    }
    return waves;
  }

  private static List<Order> orders(int wave, int first, int count) {
    List<Order> orders = new ArrayList<>();
    for (int number = first; number < first + count; number++) {
      boolean complex = number == COMPLEX_ORDER;
      Recipe recipe = complex ? COMPLEX : PLAIN.get((number - 1) % PLAIN.size());
      orders.add(new Order(number, wave, complex, recipe.input()));
    }
    return orders;
  }

  /**
   * The shortest wall the waves allow: each wave served the moment it comes, each order taking only
   * its own work; the next wave comes its gap after the slowest order of this one.
   *
   * @param workMillis each order's own work, by number; a missing one counts as none
   */
  double bestWallMillis(Map<Integer, Double> workMillis) {
    double wall = 0;
    for (Wave wave : waves()) {
      double slowest = 0;
      for (Order order : wave.orders()) {
        slowest = Math.max(slowest, workMillis.getOrDefault(order.number(), 0.0));
      }
      wall += wave.gap().toNanos() / 1e6 + slowest;
    }
    return wall;
  }
}
