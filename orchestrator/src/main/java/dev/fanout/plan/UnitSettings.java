package dev.fanout.plan;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the units are wired in a JVM that runs them: the orchestrator's own, and each worker JVM,
 * which receives these settings as its protocol's first line so that it runs the very same units.
 *
 * @param pokedexBase the Pokedex page of number n is this URL followed by n
 * @param imageDir where {@code image} stores what it downloads
 * @param ledger where {@code transfer} keeps the balances
 * @param unitJars jars of units of your own, found in them through {@code ServiceLoader}
 */
public record UnitSettings(
    URI pokedexBase,
    Path imageDir,
    Duration fetchTimeout,
    long maxResponseBytes,
    LedgerSettings ledger,
    List<Path> unitJars) {

  public UnitSettings {
    if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
      throw new IllegalArgumentException("fetch timeout must be positive, got " + fetchTimeout);
    }
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("max response bytes must be positive");
    }
    unitJars = unitJars.stream().map(jar -> jar.toAbsolutePath().normalize()).toList();
  }

  /** Settings for runs against a local origin at {@code originBase}, with a locked ledger. */
  public static UnitSettings forOrigin(URI originBase, Path imageDir) {
    return new UnitSettings(
        URI.create(originBase + "/pokedex/"),
        imageDir,
        Duration.ofSeconds(30),
        10L << 20,
        LedgerSettings.memory(true),
        List.of());
  }

  /**
   * Settings for runs that fetch nothing (the bank): the units' public defaults and a temporary
   * image directory, with {@code ledger}.
   */
  public static UnitSettings forLedger(LedgerSettings ledger) {
    return new UnitSettings(
        URI.create("https://pokemondb.net/pokedex/"),
        Path.of(System.getProperty("java.io.tmpdir"), "fanout-images"),
        Duration.ofSeconds(30),
        10L << 20,
        ledger,
        List.of());
  }

  /** The same settings with another ledger. */
  public UnitSettings withLedger(LedgerSettings other) {
    return new UnitSettings(pokedexBase, imageDir, fetchTimeout, maxResponseBytes, other, unitJars);
  }

  /** The same settings with the units of your own in {@code jars}. */
  public UnitSettings withUnitJars(List<Path> jars) {
    return new UnitSettings(pokedexBase, imageDir, fetchTimeout, maxResponseBytes, ledger, jars);
  }
}
