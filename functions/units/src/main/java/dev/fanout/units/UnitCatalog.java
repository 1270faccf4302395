package dev.fanout.units;

import dev.fanout.api.Unit;
import dev.fanout.api.UnitContext;
import dev.fanout.api.UnitProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/** Every unit by name, wired to one set of dependencies. */
public final class UnitCatalog {
  /** A unit's name is a workload's name, a Lambda handler's and, capitalized, a function's. */
  private static final Pattern OWN_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");

  private final SequencedMap<String, Unit<?, ?>> units = new LinkedHashMap<>();
  private final Map<String, UnitProvider> providers;

  private UnitCatalog(List<Unit<?, ?>> units, Map<String, UnitProvider> providers) {
    units.forEach(unit -> this.units.put(unit.name(), unit));
    this.providers = Map.copyOf(providers);
  }

  /** The built-in units. */
  public static UnitCatalog create(UnitDependencies deps) {
    return create(deps, OwnUnits.none());
  }

  /**
   * The built-in units, then the units of your own, each built once with the same fetcher.
   *
   * @throws IllegalArgumentException when a unit of your own has a name that is taken or unfit
   */
  public static UnitCatalog create(UnitDependencies deps, OwnUnits own) {
    List<Unit<?, ?>> units = new ArrayList<>(builtIn(deps));
    Map<String, UnitProvider> providers = new LinkedHashMap<>();
    UnitContext context = deps::fetcher;
    for (UnitProvider provider : own.providers()) {
      Unit<?, ?> unit = provider.create(context);
      String name = unit == null ? null : unit.name();
      String from = provider.getClass().getName();
      if (name == null || !OWN_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            from
                + " makes a unit named "
                + (name == null ? "null" : "'" + name + "'")
                + ": a unit's name starts with a lower-case letter and has up to 40 letters and"
                + " digits (it names the workload, the Lambda handler and the function)");
      }
      if (units.stream().anyMatch(known -> known.name().equals(name))) {
        throw new IllegalArgumentException(
            from + " makes a unit named '" + name + "', a name already taken: choose another");
      }
      units.add(unit);
      providers.put(name, provider);
    }
    return new UnitCatalog(units, providers);
  }

  private static List<Unit<?, ?>> builtIn(UnitDependencies deps) {
    return List.of(
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
        new CoffeeUnit());
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

  /** The names of the units of your own, in the order they were found. */
  public List<String> ownNames() {
    return units.keySet().stream().filter(providers::containsKey).toList();
  }

  /** The provider of a unit of your own; empty for a built-in unit. */
  public Optional<UnitProvider> provider(String name) {
    unit(name);
    return Optional.ofNullable(providers.get(name));
  }

  public Collection<Unit<?, ?>> all() {
    return java.util.Collections.unmodifiableCollection(units.values());
  }

  public Map<String, Unit<?, ?>> byName() {
    return java.util.Collections.unmodifiableMap(units);
  }
}
