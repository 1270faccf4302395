package dev.fanout.units;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Every unit by name, wired to one set of dependencies. */
public final class UnitCatalog {
  private final SequencedMap<String, Unit<?, ?>> units = new LinkedHashMap<>();

  private UnitCatalog(List<Unit<?, ?>> units) {
    units.forEach(unit -> this.units.put(unit.name(), unit));
  }

  public static UnitCatalog create(UnitDependencies deps) {
    return new UnitCatalog(
        List.of(
            new DownloadUnit(deps.fetcher()),
            new ImageUnit(deps.fetcher(), deps.store()),
            new ScrapeUnit(deps.fetcher(), deps.pokedexBase()),
            new NapUnit(),
            new SumsqUnit(),
            new FibUnit(),
            new PowerloopUnit(),
            new TransferUnit(deps.ledger()),
            // The lunch: Concurrent Burgers, Parallel Salads, Cloud Coffees.
            new OrderUnit(),
            new GrillUnit(deps.fetcher()),
            new BurgerUnit(),
            new SaladUnit(),
            new WashUnit(),
            new CoffeeUnit()));
  }

  /** The unit called {@code name}, or an error listing the units there are. */
  public Unit<?, ?> unit(String name) {
    Unit<?, ?> unit = units.get(name);
    if (unit == null) {
      throw new IllegalArgumentException(
          "no unit called '" + name + "'; the units are " + String.join(", ", units.keySet()));
    }
    return unit;
  }

  public Collection<Unit<?, ?>> all() {
    return java.util.Collections.unmodifiableCollection(units.values());
  }

  public Map<String, Unit<?, ?>> byName() {
    return java.util.Collections.unmodifiableMap(units);
  }
}
