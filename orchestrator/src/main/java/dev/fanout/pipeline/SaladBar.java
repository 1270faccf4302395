package dev.fanout.pipeline;

/**
 * Parallel Salads as the article tells it: {@code staff - 1} salad makers and one bowl washer share
 * {@code bowls} bowls; a maker takes an order and a clean bowl, makes the salad (real CPU work),
 * serves it and leaves the bowl dirty; the washer washes dirty bowls clean (real CPU work).
 *
 * @param orders how many customers queue at the start
 * @param staff makers plus the one washer
 * @param bowls bowls in the shop
 * @param saladPasses the size of one salad's work (the salad unit's passes)
 * @param washPasses the size of one wash (the wash unit's passes)
 */
public record SaladBar(int orders, int staff, int bowls, int saladPasses, int washPasses) {
  public SaladBar {
    if (orders < 1 || bowls < 1 || saladPasses < 1 || washPasses < 1) {
      throw new IllegalArgumentException("orders, bowls and passes must be at least 1");
    }
    if (staff < 2) {
      throw new IllegalArgumentException(
          "staff must be at least 2: a salad maker and the bowl washer");
    }
  }

  public int makers() {
    return staff - 1;
  }

  /**
   * The most orders per second: the cores shared by salads and washes, the makers' own pace, the
   * washer's, and the bowls going round, whichever is slowest.
   *
   * @param saladMillis one salad's work, measured
   * @param washMillis one wash, measured
   */
  public double boundPerSecond(int cores, double saladMillis, double washMillis) {
    double perOrder = saladMillis + washMillis;
    double byCores = cores / perOrder;
    double byMakers = makers() / saladMillis;
    double byWasher = 1 / washMillis;
    double byBowls = bowls / perOrder;
    return 1000 * Math.min(Math.min(byCores, byMakers), Math.min(byWasher, byBowls));
  }
}
