package dev.fanout.pipeline;

import java.net.URI;
import java.time.Duration;

/**
 * Concurrent Burgers as the article tells it: customers queue; one stage takes orders (at most
 * {@code openOrders} open at once), one keeps a grill of {@code grill} patties cooking, one makes
 * burgers from an order and a cooked patty.
 *
 * @param orders how many customers queue at the start
 * @param grill how many patties the grill cooks at once
 * @param cook how long a patty cooks: real waiting, a request to the origin's grill
 * @param openOrders orders taken and not yet served, at most (the article's queue of 5)
 * @param origin the origin whose {@code /grill} route cooks
 */
public record BurgerShop(int orders, int grill, Duration cook, int openOrders, URI origin) {
  /** The article's five orders in progress at once. */
  public static final int ARTICLE_OPEN_ORDERS = 5;

  public BurgerShop {
    if (orders < 1 || grill < 1 || openOrders < 1) {
      throw new IllegalArgumentException("orders, grill and openOrders must be at least 1");
    }
  }

  /** The same shop, cooking on the grill of {@code origin}. */
  public BurgerShop withOrigin(URI origin) {
    return new BurgerShop(orders, grill, cook, openOrders, origin);
  }

  String grillUrl(int patty, long cookMillis) {
    String base = origin.toString().replaceAll("/+$", "");
    return base + "/grill/" + patty + "?millis=" + cookMillis;
  }
}
