package dev.fanout.units;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.api.Deadline;
import dev.fanout.api.DeadlineExceededException;
import dev.fanout.api.Unit;
import dev.fanout.api.UnitJson;
import dev.fanout.api.UnitKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Cloud Coffees' barista, the article's {@code cloud_coffees(order)}: grind the beans (a little CPU
 * work), brew (a wait), then add each embellishment (a wait each), so a complex order takes longer.
 *
 * <p>Like the article's barista it never looks at the clock: it ignores its {@link Deadline} on
 * purpose, standing for code that does not check how long it has. A plain order takes 100-200 ms;
 * an order with many embellishments runs past the coffee function's 2 s timeout, and Lambda stops
 * it there and answers {@code Sandbox.Timedout} ("Task timed out"): the barista throws the whole
 * coffee in the bin and shouts "Timeout". Every other long unit stops itself with DeadlineExceeded
 * before that happens; this one shows what happens when code does not.
 */
public final class CoffeeUnit implements Unit<CoffeeUnit.Input, CoffeeUnit.Output> {
  /** More than a timeout's worth: twelve embellishments wait 2.4-7.2 s. */
  public static final int MAX_EMBELLISHMENTS = 12;

  /** Passes over the beans: about 2 ms on one core. */
  static final int GRIND_PASSES = 500;

  private static final Set<String> FIELDS =
      Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of("drink", "embellishments")));

  /** The drinks, each with how long it brews. */
  public enum Drink {
    ESPRESSO("espresso", 100),
    LATTE("latte", 150),
    CAPPUCCINO("cappuccino", 150),
    MOCHA("mocha", 200);

    private final String label;
    private final long brewMillis;

    Drink(String label, long brewMillis) {
      this.label = label;
      this.brewMillis = brewMillis;
    }

    public String label() {
      return label;
    }

    static List<String> labels() {
      return Arrays.stream(values()).map(Drink::label).toList();
    }

    static Drink of(String label) {
      return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst().orElseThrow();
    }
  }

  /** What can go on top, each with how long it takes to add. */
  public enum Embellishment {
    EXTRA_SHOT("extra shot", 300),
    OAT_MILK("oat milk", 250),
    VANILLA_SYRUP("vanilla syrup", 300),
    CARAMEL_SYRUP("caramel syrup", 300),
    CINNAMON("cinnamon", 200),
    HONEY("honey", 250),
    SPRINKLES("sprinkles", 400),
    WHIPPED_CREAM("whipped cream", 500),
    MARSHMALLOWS("marshmallows", 600),
    CHOCOLATE_FLAKE("chocolate flake", 600);

    private final String label;
    private final long millis;

    Embellishment(String label, long millis) {
      this.label = label;
      this.millis = millis;
    }

    public String label() {
      return label;
    }

    static List<String> labels() {
      return Arrays.stream(values()).map(Embellishment::label).toList();
    }

    static Embellishment of(String label) {
      return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst().orElseThrow();
    }
  }

  public record Input(Drink drink, List<Embellishment> embellishments) {}

  /**
   * @param embellishments how many were added
   * @param millis how long the recipe waited: brewing and every embellishment (grinding's CPU time
   *     comes on top)
   * @param grounds sixteen hex digits from the grinding, the same for the same drink
   */
  public record Output(String drink, int embellishments, long millis, String grounds) {}

  /** One wait of the recipe. */
  record Step(String what, long millis) {}

  /**
   * How the barista waits: a blocking sleep, or a timer whose task runs on the event loop. Tests
   * pass one that notes the waits and does not wait.
   */
  interface Waits {
    void sleep(long millis) throws InterruptedException;

    Executor after(long millis, Executor loop);
  }

  private static final Waits REAL =
      new Waits() {
        @Override
        public void sleep(long millis) throws InterruptedException {
          Thread.sleep(millis);
        }

        @Override
        public Executor after(long millis, Executor loop) {
          return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, loop);
        }
      };

  private final Waits waits;

  public CoffeeUnit() {
    this(REAL);
  }

  CoffeeUnit(Waits waits) {
    this.waits = waits;
  }

  @Override
  public String name() {
    return "coffee";
  }

  @Override
  public UnitKind kind() {
    return UnitKind.WAIT;
  }

  @Override
  public String exampleInput() {
    return "{\"drink\": \"mocha\", \"embellishments\": [\"marshmallows\", \"chocolate flake\"]}";
  }

  @Override
  public Input parse(JsonNode input) {
    UnitJson.requireObject(name(), input, FIELDS, exampleInput());
    String drink = UnitJson.requireChoice(name(), input, "drink", Drink.labels());
    return new Input(Drink.of(drink), embellishments(input));
  }

  /** The recipe's waits, in order: brewing, then each embellishment. */
  static List<Step> recipe(Input input) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("brew " + input.drink().label(), input.drink().brewMillis));
    for (Embellishment embellishment : input.embellishments()) {
      steps.add(new Step("add " + embellishment.label(), embellishment.millis));
    }
    return steps;
  }

  /** Ignores {@code deadline}: see the class comment. */
  @Override
  public Output run(Input input, Deadline deadline) {
    String grounds = grind(input);
    for (Step step : recipe(input)) {
      try {
        waits.sleep(step.millis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeadlineExceededException(
            "coffee was interrupted at '" + step.what() + "': nothing was served");
      }
    }
    return served(input, grounds);
  }

  /**
   * Ignores {@code deadline}: see the class comment. Each wait is a timer, never a blocked loop.
   */
  @Override
  public CompletableFuture<Output> runAsync(Input input, Deadline deadline, Executor loop) {
    CompletableFuture<String> made = CompletableFuture.supplyAsync(() -> grind(input), loop);
    for (Step step : recipe(input)) {
      // Nothing to do but wait: the stage starts its timer when the one before completes, and the
      // timer hands the next stage to the loop.
      made = made.thenApplyAsync(grounds -> grounds, waits.after(step.millis(), loop));
    }
    return made.thenApplyAsync(grounds -> served(input, grounds), loop);
  }

  private static String grind(Input input) {
    // The clock is not watched while grinding either.
    long grounds =
        HandWork.passes(
            HandWork.seed("grind " + input.drink().label()),
            GRIND_PASSES,
            Deadline.none(),
            "grind");
    return HandWork.hex(grounds);
  }

  /** How long an order's recipe waits: brewing and every embellishment. */
  public static long waitMillis(Input input) {
    return recipe(input).stream().mapToLong(Step::millis).sum();
  }

  private static Output served(Input input, String grounds) {
    return new Output(
        input.drink().label(), input.embellishments().size(), waitMillis(input), grounds);
  }

  /** The optional list; a bad item is named by its place, e.g. {@code embellishments[2]}. */
  private List<Embellishment> embellishments(JsonNode input) {
    JsonNode list = input.get("embellishments");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.size() > MAX_EMBELLISHMENTS) {
      throw UnitJson.invalid(
          name(),
          "embellishments",
          "a list of at most " + MAX_EMBELLISHMENTS + " embellishments",
          list);
    }
    String allowed = "one of " + String.join(", ", Embellishment.labels());
    List<Embellishment> chosen = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isTextual() || !Embellishment.labels().contains(item.textValue())) {
        throw UnitJson.invalid(name(), "embellishments[" + chosen.size() + "]", allowed, item);
      }
      chosen.add(Embellishment.of(item.textValue()));
    }
    return List.copyOf(chosen);
  }
}
