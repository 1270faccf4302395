package dev.fanout.pipeline;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.Arrays;
import java.util.List;

/** The article's restaurants: the one list of them, with where each means something. */
public enum Menu {
  BURGERS(
      "burgers",
      "Concurrent Burgers: orders, a grill and burgers joined by queues; I/O-bound (the grill)"),
  SALADS(
      "salads",
      "Parallel Salads: salad makers and a bowl washer sharing bowls; CPU-bound (the cores)"),
  COFFEES(
      "coffees",
      "Cloud Coffees: orders in waves, one coffee each; on Lambda, cold starts, reclaims and a"
          + " complex order binned at the timeout");

  private final String label;
  private final String description;

  Menu(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return label;
  }

  /** The menu of this label; an unknown one is a usage error naming the menus. */
  public static Menu of(String label) {
    for (Menu menu : values()) {
      if (menu.label.equals(label)) {
        return menu;
      }
    }
    throw new IllegalArgumentException(
        "unknown menu '" + label + "'; choose from " + String.join(", ", labels()));
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Menu::label).toList();
  }

  /**
   * Whether the menu runs under {@code strategy}. Burgers and salads need lanes of their own or one
   * loop; burgers also run as Lambda functions joined by SQS queues (the template's burger bar),
   * salads do not: their bowls are shared things, not messages. Coffees are the article's cloud
   * functions, with the in-JVM strategies for comparison; worker JVMs would be instances started
   * before the doors open and never reclaimed, which is what the menu is not about.
   */
  public boolean runsUnder(StrategyKind strategy) {
    return switch (this) {
      case BURGERS ->
          switch (strategy) {
            case SEQUENTIAL, THREADS, ASYNC, VIRTUAL, PROCESSES, LAMBDA -> true;
          };
      case SALADS ->
          switch (strategy) {
            case SEQUENTIAL, THREADS, ASYNC, VIRTUAL, PROCESSES -> true;
            case LAMBDA -> false;
          };
      case COFFEES ->
          switch (strategy) {
            case SEQUENTIAL, THREADS, ASYNC, VIRTUAL, LAMBDA -> true;
            case PROCESSES -> false;
          };
    };
  }

  /**
   * The units it invokes by name on Lambda: the coffees' one function. The burger bar's stages are
   * fed by their queues, never invoked by name.
   */
  public List<String> unitsInvokedOnLambda() {
    return this == COFFEES ? List.of(Coffees.UNIT) : List.of();
  }

  /** The strategies it runs under, in the report's order. */
  public List<StrategyKind> strategies() {
    return StrategyKind.all().stream().filter(this::runsUnder).toList();
  }

  /**
   * Whether a lunch that names no strategies runs it under {@code strategy}: every one it runs
   * under but burgers on Lambda, which start a local SQS and three functions of their own and are
   * run when asked for ({@code --strategies lambda}), keeping the whole lunch within a minute.
   */
  public boolean runsByDefault(StrategyKind strategy) {
    return runsUnder(strategy) && !(this == BURGERS && strategy == StrategyKind.LAMBDA);
  }
}
