package dev.fanout.pipeline;

/**
 * The menus as a lunch run serves them.
 *
 * @param burgers the burger stall (its origin filled in by the engine, which starts it)
 * @param salads the salad bar
 * @param coffees the waves of Cloud Coffees' customers
 * @param poison burger orders that always fail a stage, among the burgers' orders: on Lambda they
 *     end in the dead-letter queue
 */
public record LunchSettings(BurgerShop burgers, SaladBar salads, CoffeeWaves coffees, int poison) {
  public LunchSettings {
    if (poison < 0 || (burgers != null && poison > burgers.orders())) {
      throw new IllegalArgumentException(
          "poison orders must be 0.."
              + (burgers == null ? 0 : burgers.orders())
              + " (among the burger orders), got "
              + poison);
    }
  }

  /** The menus as given, with no poison orders. */
  public LunchSettings(BurgerShop burgers, SaladBar salads, CoffeeWaves coffees) {
    this(burgers, salads, coffees, 0);
  }

  /** Burgers and salads as given; coffees at their defaults. */
  public LunchSettings(BurgerShop burgers, SaladBar salads) {
    this(burgers, salads, CoffeeWaves.defaults());
  }
}
