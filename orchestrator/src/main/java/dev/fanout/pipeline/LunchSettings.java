package dev.fanout.pipeline;

/**
 * The menus as a lunch run serves them.
 *
 * @param burgers the burger stall (its origin filled in by the engine, which starts it)
 * @param salads the salad bar
 */
public record LunchSettings(BurgerShop burgers, SaladBar salads) {}
