package dev.fanout.pipeline;

/**
 * The menus as a lunch run serves them.
 *
 * @param burgers the burger stall (its origin filled in by the engine, which starts it)
 * @param salads the salad bar
 * @param coffees the waves of Cloud Coffees' customers
 */
public record LunchSettings(BurgerShop burgers, SaladBar salads, CoffeeWaves coffees) {
  /** Burgers and salads as given; coffees at their defaults. */
  public LunchSettings(BurgerShop burgers, SaladBar salads) {
    this(burgers, salads, CoffeeWaves.defaults());
  }
}
