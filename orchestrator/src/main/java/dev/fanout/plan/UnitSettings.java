package dev.fanout.plan;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the units are wired in a JVM that runs them: the orchestrator's own, and each worker JVM,
 * which receives these settings on its command line so that it runs the very same units.
 *
 * @param pokedexBase the Pokedex page of number n is this URL followed by n
 * @param imageDir where {@code image} stores what it downloads
 */
public record UnitSettings(
    URI pokedexBase, Path imageDir, Duration fetchTimeout, long maxResponseBytes) {

  public UnitSettings {
    if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
      throw new IllegalArgumentException("fetch timeout must be positive, got " + fetchTimeout);
    }
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("max response bytes must be positive");
    }
  }

  /** Settings for runs against a local origin at {@code originBase}. */
  public static UnitSettings forOrigin(URI originBase, Path imageDir) {
    return new UnitSettings(
        URI.create(originBase + "/pokedex/"), imageDir, Duration.ofSeconds(30), 10L << 20);
  }
}
