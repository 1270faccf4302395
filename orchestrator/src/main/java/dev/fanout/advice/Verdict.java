package dev.fanout.advice;

import dev.fanout.strategy.kind.StrategyKind;
import java.util.Locale;

/**
 * Whether the recommended strategy won the run that checked it.
 *
 * @param recommendedMillis the recommended strategy's time to result; null if it did not run or
 *     some of its tasks failed
 * @param fastest the strategy with the shortest time to result among runs without failures
 */
public record Verdict(
    StrategyKind recommended,
    Double recommendedMillis,
    StrategyKind fastest,
    double fastestMillis,
    Outcome outcome) {

  public enum Outcome {
    /** The recommended strategy was the fastest. */
    WON,
    /**
     * Another was faster, by less than {@link Advisor#TIE}: within the noise of a shared machine.
     */
    TIED,
    /** Another was clearly faster, or the recommended strategy's tasks failed. */
    LOST,
    /** The recommended strategy was not among those run. */
    NOT_RUN
  }

  /** True when the recommendation held: it won, or tied with the fastest. */
  public boolean held() {
    return outcome == Outcome.WON || outcome == Outcome.TIED;
  }

  public String describe() {
    return switch (outcome) {
      case WON ->
          String.format(
              Locale.ROOT,
              "the recommendation won: %s was the fastest, in %s.",
              recommended.label(),
              millis(fastestMillis));
      case TIED ->
          String.format(
              Locale.ROOT,
              "the recommendation held: %s took %s, a tie with the fastest, %s in %s (within"
                  + " %.0f%%, or its best run beat the other's worst).",
              recommended.label(),
              millis(recommendedMillis),
              fastest.label(),
              millis(fastestMillis),
              Advisor.TIE * 100);
      case LOST ->
          recommendedMillis == null
              ? String.format(
                  Locale.ROOT,
                  "the recommendation lost: some of %s's tasks failed; the fastest was %s in %s.",
                  recommended.label(),
                  fastest.label(),
                  millis(fastestMillis))
              : String.format(
                  Locale.ROOT,
                  "the recommendation lost: %s took %s; %s took %s (%.1fx faster).",
                  recommended.label(),
                  millis(recommendedMillis),
                  fastest.label(),
                  millis(fastestMillis),
                  recommendedMillis / Math.max(1e-9, fastestMillis));
      case NOT_RUN ->
          String.format(
              Locale.ROOT,
              "%s was not run, so the recommendation is unchecked; the fastest was %s in %s.",
              recommended.label(),
              fastest.label(),
              millis(fastestMillis));
    };
  }

  private static String millis(double millis) {
    return Advisor.millis(millis);
  }
}
